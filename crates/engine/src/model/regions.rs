//! The region table: real ECS region IDs with their English and Chinese names, public endpoints and
//! (where publicly observed) the per-region prefix of resource IDs. Source:
//! `shared/reference/alibaba-api-facts.md` §1e. Evidence for each row is kept in the row, so the UI can
//! say which names are inferred.
//!
//! Layer: model (may use `base`).

use serde::Serialize;

/// How sure the table is of a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Evidence {
    /// Seen in official documentation or a captured real response.
    Documented,
    /// Inferred from the naming pattern of the other regions, or quoted by third parties only.
    Inferred,
}

/// One ECS region.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Region {
    /// Region ID as on the wire, e.g. `cn-hangzhou`.
    pub id: &'static str,
    /// English name, e.g. `China (Hangzhou)`.
    pub name_en: &'static str,
    /// Simplified Chinese name as `DescribeRegions` returns it by default (`LocalName`, zh-CN), with
    /// full-width parentheses, e.g. `华东1（杭州）`.
    pub name_zh: &'static str,
    /// Whether the Chinese name is documented or inferred.
    pub name_zh_evidence: Evidence,
    /// The 3-character prefix after `m-` / `i-` in resource IDs of this region, where known.
    pub id_prefix: Option<&'static str>,
    /// Whether the prefix was seen next to its region in public examples or is only commonly quoted.
    pub id_prefix_evidence: Evidence,
    /// `false` for regions that Alibaba Cloud has closed (still recognised, no longer served).
    pub open: bool,
}

impl Region {
    /// The public ECS endpoint of the region today: `ecs.<RegionId>.aliyuncs.com`.
    pub fn endpoint(&self) -> String {
        format!("ecs.{}.aliyuncs.com", self.id)
    }

    /// The VPC endpoint: `ecs-vpc.<RegionId>.aliyuncs.com`.
    pub fn vpc_endpoint(&self) -> String {
        format!("ecs-vpc.{}.aliyuncs.com", self.id)
    }
}

/// The historical central endpoint used in all old documentation examples.
pub const CENTRAL_ENDPOINT: &str = "ecs.aliyuncs.com";

use Evidence::{Documented as D, Inferred as I};

const fn r(
    id: &'static str,
    name_en: &'static str,
    name_zh: &'static str,
    name_zh_evidence: Evidence,
    id_prefix: Option<&'static str>,
    id_prefix_evidence: Evidence,
    open: bool,
) -> Region {
    Region {
        id,
        name_en,
        name_zh,
        name_zh_evidence,
        id_prefix,
        id_prefix_evidence,
        open,
    }
}

/// Every region the engine knows, in the order the ECS endpoint page lists them.
pub const REGIONS: &[Region] = &[
    r(
        "cn-qingdao",
        "China (Qingdao)",
        "华北1（青岛）",
        D,
        Some("m5e"),
        I,
        true,
    ),
    r(
        "cn-beijing",
        "China (Beijing)",
        "华北2（北京）",
        D,
        Some("2ze"),
        D,
        true,
    ),
    r(
        "cn-zhangjiakou",
        "China (Zhangjiakou)",
        "华北3（张家口）",
        D,
        Some("8vb"),
        I,
        true,
    ),
    r(
        "cn-huhehaote",
        "China (Hohhot)",
        "华北5（呼和浩特）",
        D,
        Some("hp3"),
        I,
        true,
    ),
    r(
        "cn-wulanchabu",
        "China (Ulanqab)",
        "华北6（乌兰察布）",
        I,
        None,
        I,
        true,
    ),
    r(
        "cn-hangzhou",
        "China (Hangzhou)",
        "华东1（杭州）",
        D,
        Some("bp1"),
        D,
        true,
    ),
    r(
        "cn-shanghai",
        "China (Shanghai)",
        "华东2（上海）",
        D,
        Some("uf6"),
        D,
        true,
    ),
    r(
        "cn-nanjing",
        "China (Nanjing - Local Region)",
        "华东5（南京-本地地域）",
        I,
        None,
        I,
        true,
    ),
    r(
        "cn-fuzhou",
        "China (Fuzhou - Local Region)",
        "华东6（福州-本地地域）",
        I,
        None,
        I,
        true,
    ),
    r(
        "cn-shenzhen",
        "China (Shenzhen)",
        "华南1（深圳）",
        D,
        Some("wz9"),
        D,
        true,
    ),
    r("cn-heyuan", "China (Heyuan)", "华南2（河源）", D, None, I, true),
    r("cn-guangzhou", "China (Guangzhou)", "华南3（广州）", I, None, I, true),
    r("cn-chengdu", "China (Chengdu)", "西南1（成都）", D, None, I, true),
    r("cn-hongkong", "China (Hong Kong)", "中国香港", I, Some("j6c"), I, true),
    r(
        "cn-zhengzhou-jva",
        "Zhengzhou (China Unicom JV)",
        "郑州（联通云）",
        D,
        None,
        I,
        true,
    ),
    r(
        "ap-northeast-1",
        "Japan (Tokyo)",
        "日本（东京）",
        D,
        Some("6we"),
        I,
        true,
    ),
    r(
        "ap-northeast-2",
        "South Korea (Seoul)",
        "韩国（首尔）",
        I,
        None,
        I,
        true,
    ),
    r("ap-southeast-1", "Singapore", "新加坡", D, Some("t4n"), D, true),
    r(
        "ap-southeast-2",
        "Australia (Sydney)",
        "澳大利亚（悉尼）",
        D,
        None,
        I,
        false,
    ),
    r(
        "ap-southeast-3",
        "Malaysia (Kuala Lumpur)",
        "马来西亚（吉隆坡）",
        D,
        Some("8ps"),
        I,
        true,
    ),
    r(
        "ap-southeast-5",
        "Indonesia (Jakarta)",
        "印度尼西亚（雅加达）",
        D,
        Some("k1a"),
        I,
        true,
    ),
    r(
        "ap-southeast-6",
        "Philippines (Manila)",
        "菲律宾（马尼拉）",
        I,
        None,
        I,
        true,
    ),
    r("ap-southeast-7", "Thailand (Bangkok)", "泰国（曼谷）", I, None, I, true),
    r("ap-south-1", "India (Mumbai)", "印度（孟买）", D, None, I, false),
    r(
        "us-east-1",
        "US (Virginia)",
        "美国（弗吉尼亚）",
        D,
        Some("0xi"),
        I,
        true,
    ),
    r(
        "us-west-1",
        "US (Silicon Valley)",
        "美国（硅谷）",
        D,
        Some("rj9"),
        I,
        true,
    ),
    r(
        "eu-central-1",
        "Germany (Frankfurt)",
        "德国（法兰克福）",
        D,
        Some("gw8"),
        I,
        true,
    ),
    r("eu-west-1", "UK (London)", "英国（伦敦）", D, None, I, true),
    r("me-east-1", "UAE (Dubai)", "阿联酋（迪拜）", D, None, I, true),
];

/// The region with this exact ID (IDs are case-sensitive on the wire).
pub fn find(id: &str) -> Option<&'static Region> {
    REGIONS.iter().find(|r| r.id == id)
}

/// The regions that are still served.
pub fn open_regions() -> impl Iterator<Item = &'static Region> {
    REGIONS.iter().filter(|r| r.open)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_well_formed() {
        let mut ids: Vec<&str> = REGIONS.iter().map(|r| r.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), REGIONS.len());
        for r in REGIONS {
            assert!(
                r.id.bytes()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-'),
                "{}",
                r.id
            );
            if let Some(p) = r.id_prefix {
                assert_eq!(p.len(), 3);
            }
        }
    }

    #[test]
    fn doc_example_regions() {
        let hz = find("cn-hangzhou").unwrap();
        assert_eq!(hz.name_zh, "华东1（杭州）");
        assert_eq!(hz.id_prefix, Some("bp1"));
        assert_eq!(hz.endpoint(), "ecs.cn-hangzhou.aliyuncs.com");
        assert_eq!(find("cn-shanghai").unwrap().id_prefix, Some("uf6"));
        assert!(find("CN-HANGZHOU").is_none());
        assert!(!find("ap-southeast-2").unwrap().open);
        assert_eq!(open_regions().count(), REGIONS.len() - 2);
    }

    #[test]
    fn only_the_five_observed_prefixes_are_documented() {
        let mut documented: Vec<&str> = REGIONS
            .iter()
            .filter(|r| r.id_prefix_evidence == Evidence::Documented)
            .filter_map(|r| r.id_prefix)
            .collect();
        documented.sort();
        assert_eq!(documented, ["2ze", "bp1", "t4n", "uf6", "wz9"]);
        // A prefix with no evidence is flagged, never passed off as documented.
        assert!(REGIONS
            .iter()
            .filter(|r| r.id_prefix.is_none())
            .all(|r| r.id_prefix_evidence == Evidence::Inferred));
        // Some Chinese names are inferred (FACTS marks them), and they are flagged.
        assert!(REGIONS.iter().any(|r| r.name_zh_evidence == Evidence::Inferred));
        assert_eq!(find("cn-hangzhou").unwrap().name_zh_evidence, Evidence::Documented);
    }
}
