;; Asks WASI poll_oneoff to sleep for 10 s on the monotonic clock (one relative clock subscription),
;; so only a deadline that wakes the host call can stop it early.
(module
  (import "wasi_snapshot_preview1" "poll_oneoff" (func $poll (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  ;; subscription at 0: userdata 0, tag 0 (clock), clock id 1 (monotonic) at 16, timeout 10 s at 24, flags 0 at 40
  (data (i32.const 16) "\01\00\00\00")
  (data (i32.const 24) "\00\e4\0b\54\02\00\00\00")
  (func (export "sleep") (result i32)
    (call $poll (i32.const 0) (i32.const 64) (i32.const 1) (i32.const 128))))
