;; An endless loop that calls a function on every iteration.
(module
  (global $n (mut i32) (i32.const 0))
  (func $tick (global.set $n (i32.add (global.get $n) (i32.const 1))))
  (func (export "spin")
    (loop $l (call $tick) (br $l))))
