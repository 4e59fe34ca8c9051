//! Passwords: the policy a new password must meet, and Argon2id hashing into PHC strings.
//!
//! The salt comes from the store's injected [`Entropy`], not from a global generator, so tests are repeatable and
//! the core keeps its rule of no hidden randomness. Verification reads the cost from the stored PHC string, so a
//! hash made under an older (or a test's cheaper) cost still verifies; [`needs_rehash`] tells sign-in to upgrade it.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

use crate::clock::Entropy;
use crate::error::{Error, Result};

/// The Argon2id cost of one hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cost {
    /// Memory in KiB (`m`).
    pub memory_kib: u32,
    /// Passes over the memory (`t`).
    pub iterations: u32,
    /// Lanes (`p`).
    pub parallelism: u32,
}

/// The production cost: m = 64 MiB, t = 3, p = 1 — measured at 134–141 ms per verification on the 2-core
/// development machine (release build; about 225 ms in a debug build), well above OWASP's Argon2id minimum
/// (19 MiB, t = 2) yet short enough that a sign-in does not feel slow on an old station PC. One lane, because a
/// station PC may have two cores and the UI needs one of them.
pub const PRODUCTION_COST: Cost = Cost { memory_kib: 64 * 1024, iterations: 3, parallelism: 1 };

/// Unit tests hash dozens of passwords; they use the cheapest legal cost except where they test the real one.
#[cfg(test)]
pub(crate) const TEST_COST: Cost = Cost { memory_kib: 64, iterations: 1, parallelism: 1 };

/// The cost new hashes get.
#[cfg(not(test))]
const ACTIVE_COST: Cost = PRODUCTION_COST;
#[cfg(test)]
const ACTIVE_COST: Cost = TEST_COST;

/// Bytes of salt per hash (argon2's recommended length).
const SALT_LEN: usize = argon2::RECOMMENDED_SALT_LEN;

/// The shortest password accepted.
pub const MIN_LEN: usize = 8;

/// The longest password accepted: anything longer is a paste accident, and hashing cost grows with length.
pub const MAX_LEN: usize = 128;

/// Checks a new password against the policy: 8 to 128 characters, at least one letter and one digit, not the
/// login itself.
pub fn check_policy(password: &str, login: &str) -> Result<()> {
    let chars = password.chars().count();
    if chars < MIN_LEN {
        return Err(Error::Invalid(format!("密码至少需要 {MIN_LEN} 个字符")));
    }
    if chars > MAX_LEN {
        return Err(Error::Invalid(format!("密码不能超过 {MAX_LEN} 个字符")));
    }
    // ASCII letters only: a password typed through a Chinese input method is easy to mistype at the sign-in screen.
    let letters = password.chars().any(|c| c.is_ascii_alphabetic());
    let digits = password.chars().any(|c| c.is_ascii_digit());
    if !(letters && digits) {
        return Err(Error::Invalid("密码必须同时包含英文字母和数字".into()));
    }
    if password.to_lowercase() == login.trim().to_lowercase() {
        return Err(Error::Invalid("密码不能与用户名相同".into()));
    }
    Ok(())
}

/// Hashes `password` at the active cost with a fresh salt; returns the PHC string to store.
pub fn hash(entropy: &dyn Entropy, password: &str) -> Result<String> {
    hash_with(ACTIVE_COST, entropy, password)
}

/// Hashes `password` at `cost` with a fresh salt from `entropy`.
pub fn hash_with(cost: Cost, entropy: &dyn Entropy, password: &str) -> Result<String> {
    let mut salt = [0u8; SALT_LEN];
    entropy.fill(&mut salt);
    hash_salted(cost, &salt, password)
}

fn hash_salted(cost: Cost, salt: &[u8], password: &str) -> Result<String> {
    let salt = SaltString::encode_b64(salt).map_err(internal)?;
    let phc = hasher(cost)?.hash_password(password.as_bytes(), &salt).map_err(internal)?;
    Ok(phc.to_string())
}

/// True when `password` matches the stored PHC string. The comparison is constant-time (argon2's `Output`).
pub fn verify(password: &str, phc: &str) -> Result<bool> {
    let parsed = PasswordHash::new(phc).map_err(internal)?;
    match Argon2::default().verify_password(password.as_bytes(), &parsed) {
        Ok(()) => Ok(true),
        Err(argon2::password_hash::Error::Password) => Ok(false),
        Err(e) => Err(internal(e)),
    }
}

/// Spends the time of one verification without a stored hash, so that an unknown or inactive login answers as
/// slowly as a wrong password and response times do not tell which logins exist.
pub fn burn(password: &str) {
    let _ = hash_salted(ACTIVE_COST, &[0u8; SALT_LEN], password);
}

/// True when a stored hash was made with another algorithm or cost than new hashes get (it is upgraded at the
/// next successful sign-in).
pub fn needs_rehash(phc: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(phc) else { return true };
    if parsed.algorithm != argon2::ARGON2ID_IDENT {
        return true;
    }
    match Params::try_from(&parsed) {
        Ok(p) => (p.m_cost(), p.t_cost(), p.p_cost()) != cost_tuple(ACTIVE_COST),
        Err(_) => true,
    }
}

fn cost_tuple(c: Cost) -> (u32, u32, u32) {
    (c.memory_kib, c.iterations, c.parallelism)
}

fn hasher(cost: Cost) -> Result<Argon2<'static>> {
    let params = Params::new(cost.memory_kib, cost.iterations, cost.parallelism, None).map_err(internal)?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

fn internal(e: impl std::fmt::Display) -> Error {
    Error::Internal(format!("password hashing: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::SeededEntropy;

    #[test]
    fn policy_wants_eight_characters_with_letters_and_digits() {
        let cases: &[(&str, Option<&str>)] = &[
            ("abc12345", None),
            ("联络站Pass2026", None),
            ("abc1234", Some("至少需要 8 个字符")),
            ("", Some("至少需要 8 个字符")),
            ("abcdefgh", Some("英文字母和数字")),
            ("12345678", Some("英文字母和数字")),
            ("联络站联络站联络站", Some("英文字母和数字")),
            ("WangFang1", Some("不能与用户名相同")),
        ];
        for (password, expected) in cases {
            let got = check_policy(password, "wangfang1");
            match expected {
                None => assert!(got.is_ok(), "{password}: {got:?}"),
                Some(part) => {
                    let Err(Error::Invalid(msg)) = got else { panic!("{password}: {got:?}") };
                    assert!(msg.contains(part), "{password}: {msg}");
                }
            }
        }
        assert!(check_policy(&format!("a1{}", "x".repeat(MAX_LEN)), "u").is_err(), "too long");
    }

    #[test]
    fn the_production_cost_hashes_argon2id_and_verifies() {
        let phc = hash_with(PRODUCTION_COST, &SeededEntropy::new(1), "abc12345").unwrap();
        assert!(phc.starts_with("$argon2id$v=19$m=65536,t=3,p=1$"), "{phc}");
        assert!(verify("abc12345", &phc).unwrap());
        assert!(!verify("abc12346", &phc).unwrap());
    }

    #[test]
    fn salts_come_from_the_injected_entropy() {
        let a = hash(&SeededEntropy::new(7), "abc12345").unwrap();
        assert_eq!(a, hash(&SeededEntropy::new(7), "abc12345").unwrap(), "same seed, same hash");
        assert_ne!(a, hash(&SeededEntropy::new(8), "abc12345").unwrap(), "another salt, another hash");
        assert!(verify("abc12345", &a).unwrap());
    }

    #[test]
    fn a_hash_of_another_cost_still_verifies_but_asks_for_a_rehash() {
        let old = hash_with(PRODUCTION_COST, &SeededEntropy::new(1), "abc12345").unwrap();
        assert!(needs_rehash(&old), "tests hash at TEST_COST");
        assert!(!needs_rehash(&hash(&SeededEntropy::new(1), "abc12345").unwrap()));
        assert!(needs_rehash("not a PHC string"));
        assert!(verify("abc12345", "not a PHC string").is_err(), "a corrupt stored hash is not a wrong password");
    }
}
