;; Unbounded recursion: plain, through many locals, and through a host function that calls back in.
(module
  (import "host" "reenter" (func $reenter (param i32)))
  (func $down (export "down") (param i32) (call $down (i32.add (local.get 0) (i32.const 1))))
  (func $fat (export "fat") (param i32)
    (local i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64
           i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64
           i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64
           i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64
           i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64
           i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64
           i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64
           i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64)
    (local.set 1 (i64.extend_i32_u (local.get 0)))
    (local.set 128 (local.get 1))
    (call $fat (i32.add (local.get 0) (i32.const 1))))
  (func (export "through_host") (param i32) (call $reenter (local.get 0))))
