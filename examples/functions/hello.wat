;; hello: the JSON contract in its smallest form. Ignores the request (stdin) and answers 200 with a JSON
;; greeting. Invoke: curl http://127.0.0.1:8080/fn/hello
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 64) "{\"status\":200,\"headers\":{\"content-type\":[\"application/json\"]},\"body\":\"{\\\"message\\\":\\\"Hello from Djinn!\\\"}\"}")
  (func (export "_start")
    ;; one iovec at 0: {ptr=64, len}; bytes written go to 8
    (i32.store (i32.const 0) (i32.const 64))
    (i32.store (i32.const 4) (i32.const 107))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))
