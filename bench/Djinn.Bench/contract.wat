;; The minimal contract function of the instantiation benchmark: reads its whole stdin (the request object) and
;; answers a short JSON response. Nothing else: no imports besides fd_read and fd_write, one page of memory.
(module
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 1024) "{\"status\":200,\"headers\":{\"content-type\":[\"application/json\"]},\"body\":\"{\\\"ok\\\":true}\"}")
  (func (export "_start")
    (local $total i32) (local $n i32)
    ;; read stdin into [4096, 65536) until end of file (or a full buffer)
    (block $done
      (loop $read
        (i32.store (i32.const 0) (i32.add (i32.const 4096) (local.get $total)))
        (i32.store (i32.const 4) (i32.sub (i32.const 61440) (local.get $total)))
        (br_if $done (call $fd_read (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 8)))
        (local.set $n (i32.load (i32.const 8)))
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $total (i32.add (local.get $total) (local.get $n)))
        (br $read)))
    (i32.store (i32.const 0) (i32.const 1024))
    (i32.store (i32.const 4) (i32.const 85))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))
