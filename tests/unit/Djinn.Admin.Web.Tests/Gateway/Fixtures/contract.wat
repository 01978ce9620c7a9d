;; Reflects the request: answers 200 with the request JSON it read on stdin as the response body
;; (JSON-escaping '"' and '\'), so a test can inspect method, uri, path, query, headers, body and trace_id.
(module
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 8)
  (data (i32.const 64) "{\"status\":200,\"headers\":{\"content-type\":[\"application/json\"]},\"body\":\"")
  (data (i32.const 192) "\"}")
  ;; stdin is read to 4096.. (up to 128 KiB); the response is built at 262144..
  (func $write (param $ptr i32) (param $len i32)
    (i32.store (i32.const 0) (local.get $ptr))
    (i32.store (i32.const 4) (local.get $len))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))
  (func (export "_start")
    (local $in i32) (local $n i32) (local $out i32) (local $i i32) (local $c i32)
    (local.set $in (i32.const 4096))
    (block $eof
      (loop $read
        (i32.store (i32.const 16) (local.get $in))
        (i32.store (i32.const 20) (i32.sub (i32.const 135168) (local.get $in)))
        (br_if $eof (call $fd_read (i32.const 0) (i32.const 16) (i32.const 1) (i32.const 24)))
        (local.set $n (i32.load (i32.const 24)))
        (br_if $eof (i32.eqz (local.get $n)))
        (local.set $in (i32.add (local.get $in) (local.get $n)))
        (br $read)))
    (local.set $out (i32.const 262144))
    (local.set $i (i32.const 4096))
    (block $done
      (loop $copy
        (br_if $done (i32.ge_u (local.get $i) (local.get $in)))
        (local.set $c (i32.load8_u (local.get $i)))
        (if (i32.or (i32.eq (local.get $c) (i32.const 34)) (i32.eq (local.get $c) (i32.const 92)))
          (then
            (i32.store8 (local.get $out) (i32.const 92))
            (local.set $out (i32.add (local.get $out) (i32.const 1)))))
        (i32.store8 (local.get $out) (local.get $c))
        (local.set $out (i32.add (local.get $out) (i32.const 1)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $copy)))
    (call $write (i32.const 64) (i32.const 70))
    (call $write (i32.const 262144) (i32.sub (local.get $out) (i32.const 262144)))
    (call $write (i32.const 192) (i32.const 2))))
