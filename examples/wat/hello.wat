;; hello.wat: a WASI command that writes one line to stdout with fd_write.
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  ;; iovec at 0: { buf = 16, len = 24 }
  (data (i32.const 0) "\10\00\00\00\19\00\00\00")
  (data (i32.const 16) "Hello, WebAssembly text!\n")
  (func (export "_start")
    ;; fd 1 (stdout), 1 iovec at address 0, bytes written stored at 8
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))
