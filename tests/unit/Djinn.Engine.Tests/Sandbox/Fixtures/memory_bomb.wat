;; Grows memory one page at a time until memory.grow says no; returns the pages obtained.
(module
  (memory (export "memory") 1)
  (func (export "bomb") (result i32)
    (block $done
      (loop $more
        (br_if $done (i32.eq (memory.grow (i32.const 1)) (i32.const -1)))
        (br $more)))
    (memory.size))
  (func (export "ask_4gib") (result i32)
    (memory.grow (i32.const 65535))))
