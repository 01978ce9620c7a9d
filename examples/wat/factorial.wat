;; factorial.wat: a plain module (no WASI) exporting recursive and iterative
;; factorials over i64.  fac_rec(20) = fac_iter(20) = 2432902008176640000.
(module
  (func $fac_rec (export "fac_rec") (param $n i64) (result i64)
    (if (result i64) (i64.le_u (local.get $n) (i64.const 1))
      (then (i64.const 1))
      (else
        (i64.mul (local.get $n)
                 (call $fac_rec (i64.sub (local.get $n) (i64.const 1)))))))
  (func (export "fac_iter") (param $n i64) (result i64)
    (local $acc i64)
    (local.set $acc (i64.const 1))
    (block $done
      (loop $next
        (br_if $done (i64.le_u (local.get $n) (i64.const 1)))
        (local.set $acc (i64.mul (local.get $acc) (local.get $n)))
        (local.set $n (i64.sub (local.get $n) (i64.const 1)))
        (br $next)))
    (local.get $acc)))
