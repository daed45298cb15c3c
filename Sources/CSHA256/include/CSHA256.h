#ifndef CSHA256_H
#define CSHA256_H

#include <stddef.h>
#include <stdint.h>

/// The SHA-256 compression function (FIPS 180-4, section 6.2.2) applied to
/// `blocks` consecutive 64-byte blocks at `data`, updating the eight working
/// words H0…H7 in `state`. Uses the x86 SHA extensions when the processor has
/// them (checked once with CPUID), else portable C.
void csha256_compress(uint32_t state[8], const uint8_t *data, size_t blocks);

/// The portable C compression function, whatever the processor (for tests
/// that compare the two paths).
void csha256_compress_portable(uint32_t state[8], const uint8_t *data, size_t blocks);

/// 1 when `csha256_compress` uses the x86 SHA extensions, else 0.
int csha256_uses_sha_extensions(void);

#endif
