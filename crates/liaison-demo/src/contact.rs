//! Contact and identity numbers that pass the core's validation: mainland mobiles, local landlines with the
//! city's area code, and 18-digit resident ID numbers whose region, birth date, gender digit and GB 11643 check
//! digit agree with the person.

use rand::Rng;
use rand::seq::IndexedRandom;

use liaison_core::roster::kinds::Gender;

/// Mobile prefixes in use (China Mobile, Unicom, Telecom).
const MOBILE_PREFIXES: &[&str] = &[
    "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "150", "151", "152", "153", "155", "156",
    "157", "158", "159", "166", "173", "176", "177", "178", "180", "181", "182", "183", "184", "185", "186", "187",
    "188", "189", "191", "198", "199",
];

/// A mobile number, 11 digits.
pub fn mobile(rng: &mut impl Rng) -> String {
    let prefix = MOBILE_PREFIXES.choose(rng).expect("non-empty");
    format!("{prefix}{:08}", rng.random_range(0..100_000_000u32))
}

/// A landline `AREA-NNNNNNN` with `digits` local digits (first digit 2–8).
pub fn landline(rng: &mut impl Rng, area_code: &str, digits: usize) -> String {
    let first = rng.random_range(2..=8u32);
    let rest_len = digits - 1;
    let rest = rng.random_range(0..10u64.pow(rest_len as u32));
    format!("{area_code}-{first}{rest:0rest_len$}")
}

/// The GB 11643 check character of the first 17 digits.
pub fn check_digit(first17: &str) -> char {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: &[u8; 11] = b"10X98765432";
    let sum: u32 = first17.bytes().zip(WEIGHTS).map(|(d, w)| u32::from(d - b'0') * w).sum();
    CHECK[(sum % 11) as usize] as char
}

/// A resident ID number for someone registered in `region6` (six digits), born in `birth_month` (`YYYY-MM`),
/// with the gender digit (17th: odd for men, even for women) and a valid check digit.
pub fn id_number(rng: &mut impl Rng, region6: &str, birth_month: &str, gender: Gender) -> String {
    let (year, month) = birth_month.split_once('-').expect("birth month is YYYY-MM");
    let day = rng.random_range(1..=28u32);
    let order = rng.random_range(0..50u32) * 2; // 00..98, even
    let sex = rng.random_range(0..5u32) * 2 + u32::from(gender == Gender::Male); // odd for men
    let first17 = format!("{region6}{year}{month}{day:02}{order:02}{sex}");
    let check = check_digit(&first17);
    format!("{first17}{check}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use liaison_core::roster::validate;
    use rand::SeedableRng;
    use rand::rngs::StdRng;

    #[test]
    fn numbers_pass_the_core_validation() {
        let mut rng = StdRng::seed_from_u64(3);
        for _ in 0..2_000 {
            let m = mobile(&mut rng);
            assert_eq!(validate::phone(&m).as_deref(), Ok(m.as_str()));
            let l = landline(&mut rng, "0375", 7);
            assert_eq!(validate::phone(&l).as_deref(), Ok(l.as_str()));
            assert_eq!(l.len(), "0375-".len() + 7);
            let l8 = landline(&mut rng, "0371", 8);
            assert_eq!(validate::phone(&l8).as_deref(), Ok(l8.as_str()));
            let gender = if rng.random_bool(0.5) { Gender::Male } else { Gender::Female };
            let id = id_number(&mut rng, "410402", "1975-03", gender);
            assert_eq!(validate::id_number(&id).as_deref(), Ok(id.as_str()));
            assert!(id.starts_with("410402197503"));
            let sex_digit = id.as_bytes()[16] - b'0';
            assert_eq!(sex_digit % 2 == 1, gender == Gender::Male, "{id}");
        }
        // The worked example of the standard.
        assert_eq!(check_digit("11010519491231002"), 'X');
    }
}
