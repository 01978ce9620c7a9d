;; Asks for 1 GiB of initial memory.
(module (memory 16384))
