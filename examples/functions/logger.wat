;; logger: writes two log lines to stderr (they become log events of the invocation) and answers with
;; the JSON contract. Invoke: curl http://127.0.0.1:8080/fn/logger
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 64) "logger: handling a request\0a")
  (data (i32.const 128) "logger: done, answering 200\0a")
  (data (i32.const 192) "{\"status\":200,\"headers\":{\"content-type\":[\"application/json\"]},\"body\":\"{\\\"logged\\\":2}\"}")
  ;; writes len bytes at ptr to fd through one iovec at 0
  (func $write (param $fd i32) (param $ptr i32) (param $len i32)
    (i32.store (i32.const 0) (local.get $ptr))
    (i32.store (i32.const 4) (local.get $len))
    (drop (call $fd_write (local.get $fd) (i32.const 0) (i32.const 1) (i32.const 8))))
  (func (export "_start")
    (call $write (i32.const 2) (i32.const 64) (i32.const 27))
    (call $write (i32.const 2) (i32.const 128) (i32.const 28))
    (call $write (i32.const 1) (i32.const 192) (i32.const 86))))
