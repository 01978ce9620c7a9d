;; Exponential recursion without a single loop: naive fib(60) makes about 10^12 calls, never deeper than 60 frames,
;; so neither a loop-header check nor the stack limit stops it; only the check at function entry does.
(module
  (func $fib (param i32) (result i32)
    (if (result i32) (i32.lt_u (local.get 0) (i32.const 2))
      (then (local.get 0))
      (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1)))
                     (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
  (func (export "spin") (drop (call $fib (i32.const 60)))))
