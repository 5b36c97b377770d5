// unique_ptr aliases for the OpenSSL objects the store readers hold (config/key_stores.h,
// rest/rest_tls.h), each freed with its OpenSSL free function. Header only; no state.
#pragma once

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pkcs12.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <memory>

namespace sluice::config {

struct OpenSslDeleter {
  void operator()(BIO* b) const { BIO_free(b); }
  void operator()(PKCS12* p) const { PKCS12_free(p); }
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
  void operator()(X509* x) const { X509_free(x); }
  void operator()(STACK_OF(X509) * s) const { sk_X509_pop_free(s, X509_free); }
  void operator()(SSL_CTX* c) const { SSL_CTX_free(c); }
};

using BioPtr = std::unique_ptr<BIO, OpenSslDeleter>;
using Pkcs12Ptr = std::unique_ptr<PKCS12, OpenSslDeleter>;
using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, OpenSslDeleter>;
using X509Ptr = std::unique_ptr<X509, OpenSslDeleter>;
using X509StackPtr = std::unique_ptr<STACK_OF(X509), OpenSslDeleter>;
using SslCtxPtr = std::unique_ptr<SSL_CTX, OpenSslDeleter>;

}  // namespace sluice::config
