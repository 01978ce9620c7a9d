;; A memory grown a page at a time lives in a buffer with spare capacity (Memory.TryReallocate doubles it).
;; Every access must still trap at the memory's size, not the buffer's, and grown pages must read as zero.
(module
  (memory (export "memory") 1)
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "size") (result i32) (memory.size))
  (func (export "load8") (param i32) (result i32) (i32.load8_u (local.get 0)))
  (func (export "load64") (param i32) (result i64) (i64.load (local.get 0)))
  (func (export "store8") (param i32 i32) (i32.store8 (local.get 0) (local.get 1)))
  (func (export "fill") (param i32 i32 i32) (memory.fill (local.get 0) (local.get 1) (local.get 2)))
  (func (export "copy") (param i32 i32 i32) (memory.copy (local.get 0) (local.get 1) (local.get 2)))
  ;; grows one page at a time, writing a byte into each new page
  (func (export "grow-pages") (param $n i32) (result i32)
    (local $i i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (if (i32.eq (memory.grow (i32.const 1)) (i32.const -1)) (then (return (i32.const -1))))
        (i32.store8 (i32.mul (i32.sub (memory.size) (i32.const 1)) (i32.const 65536)) (i32.const 7))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (memory.size)))

(assert_return (invoke "store8" (i32.const 65535) (i32.const 42)))
(assert_return (invoke "grow" (i32.const 1)) (i32.const 1))
;; the buffer now has room beyond page 2, but the memory ends at 131072
(assert_return (invoke "size") (i32.const 2))
(assert_return (invoke "load8" (i32.const 65535)) (i32.const 42))
(assert_return (invoke "load8" (i32.const 131071)) (i32.const 0))
(assert_trap (invoke "load8" (i32.const 131072)) "out of bounds memory access")
(assert_trap (invoke "load64" (i32.const 131065)) "out of bounds memory access")
(assert_trap (invoke "store8" (i32.const 131072) (i32.const 1)) "out of bounds memory access")
(assert_trap (invoke "fill" (i32.const 131000) (i32.const 1) (i32.const 73)) "out of bounds memory access")
(assert_trap (invoke "copy" (i32.const 0) (i32.const 131000) (i32.const 73)) "out of bounds memory access")
;; a trapped store or fill wrote nothing past the end, so the page taken in next is zero
(assert_return (invoke "grow" (i32.const 1)) (i32.const 2))
(assert_return (invoke "load8" (i32.const 131072)) (i32.const 0))
(assert_return (invoke "load64" (i32.const 131072)) (i64.const 0))
(assert_return (invoke "load8" (i32.const 196607)) (i32.const 0))
(assert_trap (invoke "load8" (i32.const 196608)) "out of bounds memory access")
;; 61 more single-page grows (through several reallocations) keep every byte written so far
(assert_return (invoke "grow-pages" (i32.const 61)) (i32.const 64))
(assert_return (invoke "load8" (i32.const 65535)) (i32.const 42))
(assert_return (invoke "load8" (i32.const 196608)) (i32.const 7))
(assert_return (invoke "load8" (i32.const 4128768)) (i32.const 7))
(assert_return (invoke "load8" (i32.const 4194303)) (i32.const 0))
(assert_trap (invoke "load8" (i32.const 4194304)) "out of bounds memory access")

;; a declared maximum caps the growth exactly, whatever the buffer's capacity
(module
  (memory 1 3)
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "load8") (param i32) (result i32) (i32.load8_u (local.get 0))))
(assert_return (invoke "grow" (i32.const 1)) (i32.const 1))
(assert_return (invoke "grow" (i32.const 1)) (i32.const 2))
(assert_return (invoke "grow" (i32.const 1)) (i32.const -1))
(assert_return (invoke "load8" (i32.const 196607)) (i32.const 0))
(assert_trap (invoke "load8" (i32.const 196608)) "out of bounds memory access")
