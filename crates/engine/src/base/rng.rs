//! The engine's only source of randomness: a small seeded generator (SplitMix64) whose state is plain
//! data, so a world can be saved, restored and replayed to the same bytes.
//!
//! Layer: base (may use nothing else of this crate).

use serde::{Deserialize, Serialize};

/// A seeded pseudo-random generator. Not cryptographic: it only makes IDs look like the real ones.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rng {
    state: u64,
}

const ID_ALPHABET: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";

impl Rng {
    /// A generator whose whole future output is fixed by `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng { state: seed }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    /// An upper-case UUID (version 4 layout), the form ECS RequestIds take, e.g.
    /// `473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E`.
    pub fn uuid_upper(&mut self) -> String {
        self.uuid().to_ascii_uppercase()
    }

    /// A lower-case UUID (version 4 layout), the form SDK nonces take.
    pub fn uuid(&mut self) -> String {
        let a = self.next_u64();
        let b = self.next_u64();
        let b = (b & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000;
        let a = (a & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000;
        format!(
            "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
            a >> 32,
            (a >> 16) & 0xFFFF,
            a & 0xFFFF,
            b >> 48,
            b & 0xFFFF_FFFF_FFFF
        )
    }

    /// `n` lower-case hex digits (the V3 SDK nonce is 32 of them).
    pub fn hex(&mut self, n: usize) -> String {
        let mut s = String::with_capacity(n);
        while s.len() < n {
            s.push_str(&format!("{:016x}", self.next_u64()));
        }
        s.truncate(n);
        s
    }

    /// `n` characters from `[0-9a-z]`, the alphabet of ECS resource IDs.
    pub fn id_chars(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| ID_ALPHABET[self.below(ID_ALPHABET.len() as u64) as usize] as char)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_output() {
        let mut a = Rng::new(7);
        let mut b = Rng::new(7);
        assert_eq!(a.uuid_upper(), b.uuid_upper());
        assert_ne!(a.uuid_upper(), Rng::new(8).uuid_upper());
    }

    #[test]
    fn uuid_has_the_request_id_shape() {
        let id = Rng::new(1).uuid_upper();
        assert_eq!(id.len(), 36);
        let parts: Vec<&str> = id.split('-').collect();
        assert_eq!(parts.iter().map(|p| p.len()).collect::<Vec<_>>(), vec![8, 4, 4, 4, 12]);
        assert!(id
            .chars()
            .all(|c| c == '-' || c.is_ascii_digit() || c.is_ascii_uppercase()));
        assert_eq!(&parts[2][..1], "4");
    }

    #[test]
    fn id_chars_use_the_id_alphabet() {
        let s = Rng::new(3).id_chars(200);
        assert!(s.bytes().all(|c| ID_ALPHABET.contains(&c)));
        assert_eq!(Rng::new(3).hex(32).len(), 32);
    }
}
