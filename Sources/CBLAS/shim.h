// OpenBLAS's CBLAS interface and the LAPACKE C interface to LAPACK, as
// Debian's libopenblas-dev and liblapacke-dev install them.
#include <cblas.h>
#include <lapacke.h>
