//! Percent-encoding exactly as Alibaba Cloud's signers use it, plus the decoders the gateway needs.
//!
//! The signers encode with RFC 3986 rules: the unreserved set `A-Z a-z 0-9 - _ . ~` stays raw and every
//! other byte of the UTF-8 form becomes `%XY` with upper-case hex. That is what trips people up in support
//! threads: space is `%20` (never `+`), `*` is `%2A`, `~` stays `~`, and `! ' ( )` are encoded (unlike
//! JavaScript's `encodeURIComponent`). Hand-written rather than built on `percent-encoding`'s sets so the
//! rule is visible in one line and the hot path (signing) allocates once.
//!
//! Layer: signing (may use `base`).

/// For each byte, whether the signers leave it raw: the RFC 3986 unreserved set `A-Z a-z 0-9 - _ . ~`.
const UNRESERVED: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        t[i] = b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~');
        i += 1;
    }
    t
};

/// True for the RFC 3986 unreserved characters, the only bytes the signers leave raw.
#[inline]
pub fn is_unreserved(b: u8) -> bool {
    UNRESERVED[b as usize]
}

const HEX_UPPER: &[u8; 16] = b"0123456789ABCDEF";

/// Appends the RFC 3986 percent-encoding of `s` to `out` (the signers' `percentEncode`).
pub fn percent_encode_into(s: &str, out: &mut String) {
    let mut buf = Vec::with_capacity(s.len() + s.len() / 2);
    percent_encode_bytes(s.as_bytes(), &mut buf);
    // The encoder emits only ASCII, so this is always valid UTF-8; the fallback keeps it total anyway.
    match std::str::from_utf8(&buf) {
        Ok(t) => out.push_str(t),
        Err(_) => out.push_str(&String::from_utf8_lossy(&buf)),
    }
}

/// Appends the RFC 3986 percent-encoding of `s` to a byte buffer: room for the worst case is made once,
/// then each run of unreserved bytes is found by a table lookup per byte and copied whole (the signers' hot
/// loop: a push per byte stored the length back on every byte; `#[inline]` so the CLI compiles it at full
/// speed).
#[inline]
pub fn percent_encode_bytes(s: &[u8], out: &mut Vec<u8>) {
    out.reserve(s.len() * 3);
    let mut rest = s;
    loop {
        let run = rest.iter().position(|&b| !UNRESERVED[b as usize]).unwrap_or(rest.len());
        out.extend_from_slice(&rest[..run]);
        let Some((&b, tail)) = rest[run..].split_first() else {
            return;
        };
        out.extend_from_slice(&[b'%', HEX_UPPER[(b >> 4) as usize], HEX_UPPER[(b & 0x0F) as usize]]);
        rest = tail;
    }
}

/// RFC 3986 percent-encoding of `s`: `a b*c~` becomes `a%20b%2Ac~`.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 2);
    percent_encode_into(s, &mut out);
    out
}

/// Decodes `%XY` escapes (and, when `plus_is_space`, `+` as a space, as form encoding and the gateway do).
/// Never fails: a stray `%` or an escape that is not hex is kept as it is, and invalid UTF-8 becomes U+FFFD.
pub fn percent_decode(s: &str, plus_is_space: bool) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' if i + 2 < b.len() => match (hex_val(b[i + 1]), hex_val(b[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h << 4 | l);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            b'+' if plus_is_space => out.push(b' '),
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

fn hex_val(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

/// Splits an `application/x-www-form-urlencoded` string (or a query string) into decoded name/value pairs,
/// `+` read as a space. `a&b=` gives `("a","")` and `("b","")`; empty segments are skipped. Never fails.
pub fn parse_form(s: &str) -> Vec<(String, String)> {
    s.split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(k, true), percent_decode(v, true))
        })
        .collect()
}

/// Joins pairs as `name=value&...`, both RFC 3986-encoded, in the given order: the query string of a
/// signed V1 URL and the form body of a signed POST.
pub fn encode_pairs(pairs: &[(String, String)]) -> String {
    let mut out = Vec::with_capacity(pairs.len() * 40);
    for (i, (k, v)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push(b'&');
        }
        percent_encode_bytes(k.as_bytes(), &mut out);
        out.push(b'=');
        percent_encode_bytes(v.as_bytes(), &mut out);
    }
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Lower-case hex of `bytes` (V3 hashes and signatures).
pub fn hex_lower(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        s.push(HEX[(b >> 4) as usize] as char);
        s.push(HEX[(b & 0x0F) as usize] as char);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_characters_support_threads_ask_about() {
        assert_eq!(percent_encode("a b"), "a%20b");
        assert_eq!(percent_encode("*"), "%2A");
        assert_eq!(percent_encode("~"), "~");
        assert_eq!(percent_encode("!'()"), "%21%27%28%29");
        assert_eq!(percent_encode("%"), "%25");
        assert_eq!(percent_encode("+/="), "%2B%2F%3D");
        assert_eq!(percent_encode("环境"), "%E7%8E%AF%E5%A2%83");
        assert_eq!(percent_encode("AZaz09-_.~"), "AZaz09-_.~");
        assert_eq!(percent_encode(""), "");
        // Runs of plain bytes between escapes, at either end and back to back.
        assert_eq!(percent_encode(" ab  c d~ "), "%20ab%20%20c%20d~%20");
    }

    #[test]
    fn every_byte_encodes_as_the_byte_at_a_time_definition() {
        let all: Vec<u8> = (0..=255u8).chain(b"plain run".iter().copied()).collect();
        let mut want = Vec::new();
        for &b in &all {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                want.push(b);
            } else {
                want.extend_from_slice(format!("%{b:02X}").as_bytes());
            }
        }
        let mut got = Vec::new();
        percent_encode_bytes(&all, &mut got);
        assert_eq!(String::from_utf8(got).unwrap(), String::from_utf8(want).unwrap());
    }

    #[test]
    fn decoding_is_total() {
        assert_eq!(percent_decode("a+b%20c", true), "a b c");
        assert_eq!(percent_decode("a+b", false), "a+b");
        assert_eq!(percent_decode("100%", true), "100%");
        assert_eq!(percent_decode("%zz%4", true), "%zz%4");
        assert_eq!(percent_decode("%E7%8E%AF", true), "环");
        assert_eq!(percent_decode("%FF", true), "\u{FFFD}");
        assert_eq!(percent_decode("%2a%2A", true), "**");
    }

    #[test]
    fn forms_keep_empty_values() {
        assert_eq!(
            parse_form("SignatureType=&A=1&&B"),
            vec![
                ("SignatureType".to_string(), String::new()),
                ("A".to_string(), "1".to_string()),
                ("B".to_string(), String::new())
            ]
        );
        let pairs = vec![("Tag.1.Value".to_string(), "a b".to_string())];
        assert_eq!(encode_pairs(&pairs), "Tag.1.Value=a%20b");
        assert_eq!(parse_form(&encode_pairs(&pairs)), pairs);
    }

    #[test]
    fn hex_is_lower_case() {
        assert_eq!(hex_lower(&[0x00, 0xAB, 0xFF]), "00abff");
    }
}
