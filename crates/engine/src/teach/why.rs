//! The "why" as a reader sees it: a rule's explanation rendered from its message ID and arguments, and its
//! source named as a reader knows it, with the public page to open. English today; a second language is a
//! second table keyed by the same message IDs (the English templates).
//!
//! Layer: teach.

use crate::base::error::{Rule, Source};

/// The explanation of `rule`, its template's `{name}`s filled from the rule's arguments. A name without an
/// argument is left as written, so a missing argument shows rather than vanishes.
pub fn text(rule: &Rule) -> String {
    fill(&rule.msg, &rule.args)
}

/// `template` with each `{name}` replaced by its value in `args`.
pub fn fill(template: &str, args: &[(String, String)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match args.iter().find(|(k, _)| k == name) {
                    Some((_, v)) => out.push_str(v),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The document, as a reader knows it.
pub fn source_title(source: Source) -> &'static str {
    match source {
        Source::CopyImageErrors => "CopyImage API reference, error codes",
        Source::CopyImageParameters => "CopyImage API reference, request parameters",
        Source::CopyImageDescription => "CopyImage API reference, description",
        Source::CancelCopyImage => "CancelCopyImage API reference",
        Source::DeleteImage => "DeleteImage API reference",
        Source::DescribeImages => "DescribeImages API reference",
        Source::DescribeRegions => "DescribeRegions API reference",
        Source::TagErrors => "TagResources API reference, tag rules and error codes",
        Source::CommonErrors => "ECS common errors",
        Source::Signing => "Alibaba Cloud request signing (V1 and V3)",
        Source::Idempotence => "ECS: how to ensure idempotence",
        Source::SdkReference => "ECS SDK parameter documentation",
        Source::RunInstances => "RunInstances API reference, error codes",
        Source::ReplaceSystemDisk => "ReplaceSystemDisk API reference",
        Source::StopInstance => "StopInstance API reference",
        Source::StartInstance => "StartInstance API reference",
        Source::DescribeInstances => "DescribeInstances API reference",
    }
}

/// The public page of the document.
pub fn source_url(source: Source) -> &'static str {
    match source {
        Source::CopyImageErrors | Source::CopyImageParameters | Source::CopyImageDescription => {
            "https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-copyimage"
        }
        Source::CancelCopyImage => {
            "https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-cancelcopyimage"
        }
        Source::DeleteImage => {
            "https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-deleteimage"
        }
        Source::DescribeImages => {
            "https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-describeimages"
        }
        Source::DescribeRegions => {
            "https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-describeregions"
        }
        Source::TagErrors => {
            "https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-tagresources"
        }
        Source::CommonErrors => "https://api.alibabacloud.com/troubleshoot",
        Source::Signing => {
            "https://www.alibabacloud.com/help/en/sdk/product-overview/v3-request-structure-and-signature"
        }
        Source::Idempotence => "https://www.alibabacloud.com/help/en/ecs/developer-reference/how-to-ensure-idempotence",
        Source::SdkReference => "https://pypi.org/project/alibabacloud-ecs20140526/",
        Source::RunInstances => {
            "https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-runinstances"
        }
        Source::ReplaceSystemDisk => {
            "https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-replacesystemdisk"
        }
        Source::StopInstance => {
            "https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-stopinstance"
        }
        Source::StartInstance => {
            "https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-startinstance"
        }
        Source::DescribeInstances => {
            "https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-describeinstances"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_named_arguments() {
        let a = vec![
            ("image".to_string(), "m-1".to_string()),
            ("n".to_string(), "3".to_string()),
        ];
        assert_eq!(fill("Copy {image}: {n} of {n}.", &a), "Copy m-1: 3 of 3.");
        assert_eq!(fill("no args", &a), "no args");
        assert_eq!(fill("{missing} stays", &a), "{missing} stays");
        assert_eq!(fill("open { brace", &a), "open { brace");
        assert_eq!(fill("JSON {\"a\":1}", &a), "JSON {\"a\":1}");
    }

    #[test]
    fn every_source_has_a_title_and_a_public_page() {
        for s in [
            Source::CopyImageErrors,
            Source::CopyImageParameters,
            Source::CopyImageDescription,
            Source::CancelCopyImage,
            Source::DeleteImage,
            Source::DescribeImages,
            Source::DescribeRegions,
            Source::TagErrors,
            Source::CommonErrors,
            Source::Signing,
            Source::Idempotence,
            Source::SdkReference,
            Source::RunInstances,
            Source::ReplaceSystemDisk,
            Source::StopInstance,
            Source::StartInstance,
            Source::DescribeInstances,
        ] {
            assert!(!source_title(s).contains('§') && !source_title(s).contains(".md"));
            assert!(source_url(s).starts_with("https://"), "{s:?}");
        }
    }
}
