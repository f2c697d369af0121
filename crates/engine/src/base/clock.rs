//! UTC instants as whole seconds since the Unix epoch, with the ISO 8601 form the API uses
//! (`yyyy-MM-ddTHH:mm:ssZ`). Hand-written (a few lines of civil-date arithmetic) so the engine needs no
//! date library and stays small in the WASM bundle.
//!
//! Layer: base (may use nothing else of this crate).

use serde::{Deserialize, Serialize};
use std::fmt;

/// A UTC instant in whole seconds since 1970-01-01T00:00:00Z. Used for the wire clock (request
/// Timestamps) and for world times (image CreationTime, snapshot creation).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default)]
#[serde(transparent)]
pub struct UtcTime(pub i64);

/// Days from 1970-01-01 to the civil date (proleptic Gregorian), Howard Hinnant's algorithm.
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

/// The civil date of a day count from 1970-01-01.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719468;
    let era = if z >= 0 { z } else { z - 146096 } / 146097;
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

impl UtcTime {
    /// Builds an instant from a civil UTC date and time; `None` if any field is out of range.
    pub fn from_civil(y: i64, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> Option<UtcTime> {
        if !(1..=12).contains(&mo) || d == 0 || d > days_in_month(y, mo) || h > 23 || mi > 59 || s > 59 {
            return None;
        }
        Some(UtcTime(
            days_from_civil(y, mo, d) * 86_400 + (h * 3600 + mi * 60 + s) as i64,
        ))
    }

    /// Parses exactly `yyyy-MM-ddTHH:mm:ssZ`, the only form the API documents for `Timestamp` and
    /// `x-acs-date`. Anything else (fractional seconds, offsets, missing `Z`) is `None`.
    pub fn parse_iso8601(s: &str) -> Option<UtcTime> {
        let b = s.as_bytes();
        if b.len() != 20
            || b[4] != b'-'
            || b[7] != b'-'
            || b[10] != b'T'
            || b[13] != b':'
            || b[16] != b':'
            || b[19] != b'Z'
        {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            let part = &s[r];
            if part.bytes().all(|c| c.is_ascii_digit()) {
                part.parse().ok()
            } else {
                None
            }
        };
        UtcTime::from_civil(
            num(0..4)? as i64,
            num(5..7)?,
            num(8..10)?,
            num(11..13)?,
            num(14..16)?,
            num(17..19)?,
        )
    }

    /// Formats as `yyyy-MM-ddTHH:mm:ssZ`.
    pub fn to_iso8601(self) -> String {
        let days = self.0.div_euclid(86_400);
        let secs = self.0.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            y,
            m,
            d,
            secs / 3600,
            secs % 3600 / 60,
            secs % 60
        )
    }

    /// This instant moved by `secs` seconds (negative moves back).
    pub fn plus(self, secs: i64) -> UtcTime {
        UtcTime(self.0.saturating_add(secs))
    }
}

impl fmt::Display for UtcTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_iso8601())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_the_doc_timestamp() {
        let t = UtcTime::parse_iso8601("2016-02-23T12:46:24Z").unwrap();
        assert_eq!(t.0, 1_456_231_584);
        assert_eq!(t.to_iso8601(), "2016-02-23T12:46:24Z");
    }

    #[test]
    fn rejects_other_forms() {
        for bad in [
            "2016-02-23T12:46:24.000Z",
            "2016-02-23 12:46:24Z",
            "2016-02-30T00:00:00Z",
            "2016-02-23T12:46:24+08:00",
            "",
            "2016-02-23T24:00:00Z",
        ] {
            assert_eq!(UtcTime::parse_iso8601(bad), None, "{bad}");
        }
    }

    #[test]
    fn leap_days_and_epoch() {
        assert_eq!(UtcTime(0).to_iso8601(), "1970-01-01T00:00:00Z");
        assert!(UtcTime::parse_iso8601("2024-02-29T00:00:00Z").is_some());
        assert!(UtcTime::parse_iso8601("2023-02-29T00:00:00Z").is_none());
        assert_eq!(
            UtcTime::parse_iso8601("2013-07-15T00:00:00Z").unwrap().to_iso8601(),
            "2013-07-15T00:00:00Z"
        );
    }
}
