//! The error every rule and gateway check returns: an HTTP status, the documented code and message
//! (copied character for character), and the rule that decided it, for the "why" pane.
//!
//! Layer: base (may use nothing else of this crate).

use serde::{Deserialize, Serialize};

/// Where the decision came from, so a user never mistakes a guess for a documented fact.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// A row of the CopyImage reference or another official document.
    Documented,
    /// A choice made where the sources disagree or are silent; FIDELITY.md names it.
    Fidelity,
    /// No client input causes this error on the real service; the world setting that triggers it here
    /// is a simulation aid (InternalError, InvalidAliUid.IsNull, the twin messages of a code).
    Simulated,
}

/// The public document a rule follows, so a face can name it as a reader knows it and link to it
/// (`teach::why` holds the titles and addresses).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// The CopyImage API reference: its error-code table.
    CopyImageErrors,
    /// The CopyImage API reference: its request parameters.
    CopyImageParameters,
    /// The CopyImage API reference: its description (the queue, resource groups, accounts).
    CopyImageDescription,
    /// The CancelCopyImage API reference.
    CancelCopyImage,
    /// The DeleteImage API reference.
    DeleteImage,
    /// The DescribeImages API reference.
    DescribeImages,
    /// The DescribeRegions API reference.
    DescribeRegions,
    /// The tag rules and errors (the TagResources API reference).
    TagErrors,
    /// The ECS common error codes (gateway and shared errors).
    CommonErrors,
    /// Alibaba Cloud's request-signing documentation (V1 HMAC-SHA1, V3 ACS3-HMAC-SHA256).
    Signing,
    /// The ECS guide to idempotence (ClientToken).
    Idempotence,
    /// The official ECS SDK's parameter documentation.
    SdkReference,
    /// The RunInstances API reference (its error codes, shared by many ECS operations).
    RunInstances,
    /// The ReplaceSystemDisk API reference.
    ReplaceSystemDisk,
    /// The StopInstance API reference.
    StopInstance,
    /// The StartInstance API reference.
    StartInstance,
    /// The DescribeInstances API reference.
    DescribeInstances,
}

/// Which rule decided a response: a stable ID, the document it follows, and the explanation as a message
/// ID with its arguments. The message ID is the English text itself, a template whose `{name}`s are filled
/// from `args` (the gettext convention): a face renders it (`teach::why::text`), and a second language is a
/// second table keyed by it, never a parser of formatted sentences.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rule {
    /// Stable identifier, e.g. `copyimage.same_region` or `gateway.signature`.
    pub id: String,
    /// The document the rule follows.
    pub source: Source,
    /// The explanation's message ID (its English template).
    pub msg: String,
    /// The values of the template's `{name}`s.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub args: Vec<(String, String)>,
    /// Documented, a fidelity choice, or a simulated trigger.
    pub basis: Basis,
}

impl Rule {
    fn make(id: &str, source: Source, msg: &str, basis: Basis) -> Rule {
        Rule {
            id: id.into(),
            source,
            msg: msg.into(),
            args: Vec::new(),
            basis,
        }
    }
    /// A rule backed by a documented row or sentence.
    pub fn documented(id: &str, source: Source, msg: &str) -> Rule {
        Rule::make(id, source, msg, Basis::Documented)
    }
    /// A rule that follows a FIDELITY.md choice.
    pub fn fidelity(id: &str, source: Source, msg: &str) -> Rule {
        Rule::make(id, source, msg, Basis::Fidelity)
    }
    /// A rule whose trigger is a world setting standing in for an unknowable server condition.
    pub fn simulated(id: &str, source: Source, msg: &str) -> Rule {
        Rule::make(id, source, msg, Basis::Simulated)
    }
    /// The same rule with the template argument `name` set to `value`.
    pub fn with(mut self, name: &str, value: impl ToString) -> Rule {
        self.args.push((name.into(), value.to_string()));
        self
    }
}

/// A failed request as the service reports it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    /// HTTP status code, e.g. 400.
    pub http_status: u16,
    /// The documented error code, e.g. `InvalidImageId.NotFound`.
    pub code: String,
    /// The documented message, exactly.
    pub message: String,
    /// The rule that produced it.
    pub rule: Rule,
    /// The request parameter the error belongs to (its wire name, e.g. `DestinationRegionId` or
    /// `Tag.3.Key`), when one does: where a face shows it. Not part of the wire answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

impl ApiError {
    /// Builds an error from its documented parts.
    pub fn new(http_status: u16, code: &str, message: impl Into<String>, rule: Rule) -> ApiError {
        ApiError {
            http_status,
            code: code.into(),
            message: message.into(),
            rule,
            field: None,
        }
    }

    /// The same error, tied to the request parameter `field`.
    pub fn on(mut self, field: &str) -> ApiError {
        self.field = Some(field.into());
        self
    }
}

// ---------------------------------------------------------------------------------------------------------
// The common errors every operation and the gateway share, one constructor each (ECS common error codes).
// ---------------------------------------------------------------------------------------------------------

/// 400 `MissingParameter`: a required parameter (or V3 header) is absent or empty. The gateway's own
/// wording for a missing `Signature` says "the request" where every other name says "this request".
pub fn missing_parameter(name: &str) -> ApiError {
    let message = if name == "Signature" {
        "The input parameter \"Signature\" that is mandatory for processing the request is not supplied.".to_string()
    } else {
        format!("The input parameter \"{name}\" that is mandatory for processing this request is not supplied.")
    };
    ApiError::new(
        400,
        "MissingParameter",
        message,
        Rule::documented(
            "common.missing_parameter",
            Source::CommonErrors,
            "The input parameter \"<Name>\" that is mandatory for processing this request is not supplied.",
        ),
    )
    .on(name)
}

/// 400 `InvalidParameter` for a value of the wrong type (the common template
/// `The specified parameter "…" is not valid.`).
pub fn invalid_parameter(name: &str) -> ApiError {
    ApiError::new(
        400,
        "InvalidParameter",
        format!("The specified parameter \"{name}\" is not valid."),
        Rule::fidelity(
            "common.invalid_parameter",
            Source::CommonErrors,
            "The specified parameter \"Action or Version\" is not valid. (template applied to a value of the wrong type)",
        ),
    )
    .on(name)
}

/// 400 `InvalidVersion`: `Version` is not the API's version.
pub fn invalid_version() -> ApiError {
    ApiError::new(
        400,
        "InvalidVersion",
        "Specified parameter Version is not valid.",
        Rule::documented(
            "common.invalid_version",
            Source::CommonErrors,
            "ECS's API version is {version}.",
        )
        .with("version", crate::base::api::API_VERSION),
    )
}

/// 404 `InvalidAction.NotFound`: `Action` is not an operation of the API simulated here.
pub fn invalid_action() -> ApiError {
    ApiError::new(
        404,
        "InvalidAction.NotFound",
        "Specified api is not found, please check your url and method.",
        Rule::documented(
            "common.invalid_action",
            Source::CommonErrors,
            "The Action is not an API of ECS {version} simulated here ({actions}).",
        )
        .with("version", crate::base::api::API_VERSION)
        .with("actions", crate::base::api::ACTIONS.join(", ")),
    )
}
