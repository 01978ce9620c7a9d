;; A tight loop with no calls: only the loop back-edge check can stop it.
(module
  (func (export "spin")
    (loop $l (br $l))))
