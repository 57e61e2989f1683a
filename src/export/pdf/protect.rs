//! `--protect`: the published letters' encryption. AES-128 (standard security handler
//! V4 R4, crypt filter AESV2), an empty user password (anyone may open the letter), and
//! their permissions: printing, at high quality too, and extraction for accessibility;
//! no copying, changing, annotating, form filling or assembling.
//!
//! lopdf encrypts, but draws every AES initialisation vector and the padding of `/U` at
//! random. Here each IV is derived from the object's key and its plain text, and the
//! padding of `/U` (which readers do not compare) is zero, so the same letter gives the
//! same bytes. The file key depends on `/ID`, which must be set before.
//!
//! The permissions are what readers honour: a file anyone can open, anyone can decrypt.
//! The owner password (needed to change them in an editor) is derived from the letter's
//! `/ID` and a fixed phrase, so it is no secret either; the published letters' own is
//! unknown.

use std::collections::BTreeMap;
use std::sync::Arc;

use aes::cipher::{BlockCipherEncrypt, KeyInit};
use lopdf::encryption::DecryptionError;
use lopdf::encryption::crypt_filters::{Aes128CryptFilter, CryptFilter};
use lopdf::{EncryptionState, EncryptionVersion, Object, Permissions};
use sha2::{Digest, Sha256};

use crate::diagnostic::Diagnostic;

/// The permissions of the published letters (`/P -1340`).
fn permissions() -> Permissions {
    Permissions::PRINTABLE
        | Permissions::PRINTABLE_IN_HIGH_QUALITY
        | Permissions::COPYABLE_FOR_ACCESSIBILITY
}

/// AESV2 with initialisation vectors derived from what they encrypt.
#[derive(Debug)]
struct DerivedIvAes128;

impl CryptFilter for DerivedIvAes128 {
    fn method(&self) -> &[u8] {
        b"AESV2"
    }

    fn compute_key(&self, key: &[u8], id: lopdf::ObjectId) -> Result<Vec<u8>, DecryptionError> {
        Aes128CryptFilter.compute_key(key, id)
    }

    fn encrypt(&self, key: &[u8], plain: &[u8]) -> Result<Vec<u8>, DecryptionError> {
        let key: &[u8; 16] = key
            .try_into()
            .map_err(|_| DecryptionError::InvalidKeyLength)?;
        let digest = Sha256::new()
            .chain_update(key)
            .chain_update(plain)
            .finalize();
        let mut previous = [0u8; 16];
        previous.copy_from_slice(&digest[..16]);
        // the IV, then the text padded to whole blocks (PKCS #5: n bytes of value n),
        // each block XORed with the one before and encrypted (CBC)
        let pad = 16 - plain.len() % 16;
        let mut out = Vec::with_capacity(16 + plain.len() + pad);
        out.extend_from_slice(&previous);
        out.extend_from_slice(plain);
        out.resize(16 + plain.len() + pad, pad as u8);
        let cipher = aes::Aes128::new(key.into());
        for chunk in out[16..].chunks_exact_mut(16) {
            for (b, p) in chunk.iter_mut().zip(previous) {
                *b ^= p;
            }
            let mut block = aes::Block::try_from(&*chunk).map_err(|_| DecryptionError::Padding)?;
            cipher.encrypt_block(&mut block);
            chunk.copy_from_slice(&block);
            previous.copy_from_slice(chunk);
        }
        Ok(out)
    }

    fn decrypt(&self, key: &[u8], ciphertext: &[u8]) -> Result<Vec<u8>, DecryptionError> {
        Aes128CryptFilter.decrypt(key, ciphertext)
    }
}

/// Encrypts every string and stream of `lo`, whose trailer `/ID` is already final.
pub fn encrypt(lo: &mut lopdf::Document) -> Result<(), Diagnostic> {
    let fail = |e: String| Diagnostic::error("pdf.write", "failed to encrypt the PDF").cause(e);
    let id = lo
        .trailer
        .get(b"ID")
        .and_then(Object::as_array)
        .ok()
        .and_then(|a| a.first())
        .and_then(|o| o.as_str().ok())
        .map(<[u8]>::to_vec)
        .ok_or_else(|| fail("the PDF has no /ID".into()))?;
    let owner: String = Sha256::new()
        .chain_update(b"imr-letters owner password ")
        .chain_update(&id)
        .finalize()[..12]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let filter: Arc<dyn CryptFilter> = Arc::new(DerivedIvAes128);
    let version = EncryptionVersion::V4 {
        document: lo,
        encrypt_metadata: true,
        crypt_filters: BTreeMap::from([(b"StdCF".to_vec(), filter)]),
        stream_filter: b"StdCF".to_vec(),
        string_filter: b"StdCF".to_vec(),
        owner_password: &owner,
        user_password: "",
        permissions: permissions(),
    };
    let state = EncryptionState::try_from(version).map_err(|e| fail(e.to_string()))?;
    lo.encrypt(&state).map_err(|e| fail(e.to_string()))?;
    // /U of R3 and R4 is 16 bytes of hash and 16 of arbitrary padding: zeros
    let encrypt = lo
        .trailer
        .get(b"Encrypt")
        .and_then(Object::as_reference)
        .map_err(|e| fail(e.to_string()))?;
    let dict = lo
        .get_object_mut(encrypt)
        .and_then(Object::as_dict_mut)
        .map_err(|e| fail(e.to_string()))?;
    if let Ok(Object::String(u, _)) = dict.get_mut(b"U")
        && u.len() == 32
    {
        u[16..].fill(0);
    }
    Ok(())
}
