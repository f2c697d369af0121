//! The guided course: eleven short steps a newcomer follows in the playground, each checked from what the
//! engine saw and holds — the history of exchanges (what was sent, what came back) and the world (the copy
//! queue's tasks) — never from what the page thinks it did.
//!
//! Why history *and* world: an error step is proven by the exact response on the wire (code and status),
//! while "watch the queue" is proven by the queue's own record of when each task waited, ran and ended.
//! A verdict always says why a step is not done yet, naming the attempt that fell short, so a wrong
//! attempt is refused with a reason rather than silently ignored.
//!
//! The steps assume the `default` preset (its shared image; the quota step has the reader fill cn-qingdao's
//! image quota in the Scenario pane, since the default account's quotas are ordinary); the checks read
//! codes and parameters, so they hold in any world that can produce them.
//!
//! Layer: teach (may use `base`, `signing`, `model`, `service`).

use crate::base::wire::param;
use crate::model::queue::TaskState;
use crate::model::world::World;
use crate::service::engine::Exchange;

/// The preset the course starts from.
pub const PRESET: &str = "default";

/// The verdict of one step's check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verdict {
    /// Whether the step is done.
    pub done: bool,
    /// What the check saw, in English: on success what proved it, otherwise why it is not done yet (after
    /// "Not yet: ").
    pub message: String,
    /// The message ID: the English template of what the check saw (without "Not yet: "), whose `{name}`s are
    /// filled from `args`, so a face can show it in another language (as it does a rule's why).
    pub msg: &'static str,
    /// The template's arguments: wire values, IDs and numbers only, never English words.
    pub args: Vec<(String, String)>,
}

/// A message ID and its arguments.
type Said = (&'static str, Vec<(String, String)>);

/// `msg` with these arguments.
fn said(msg: &'static str, args: &[(&str, &str)]) -> Said {
    (msg, args.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect())
}

impl Verdict {
    fn done((msg, args): Said) -> Verdict {
        Verdict {
            done: true,
            message: crate::teach::why::fill(msg, &args),
            msg,
            args,
        }
    }
    fn not_yet((msg, args): Said) -> Verdict {
        Verdict {
            done: false,
            message: format!("Not yet: {}", crate::teach::why::fill(msg, &args)),
            msg,
            args,
        }
    }
}

/// One step of the course.
#[derive(Clone, Copy, Debug)]
pub struct Step {
    /// Stable ID (stored as progress; never renamed).
    pub id: &'static str,
    /// Short title.
    pub title: &'static str,
    /// What to do, in the playground's words (fields, values, buttons), starting from where the previous step
    /// left the form, so a reader (and the end-to-end test) can follow it literally.
    pub instructions: &'static str,
    /// What the step teaches, shown once it is done.
    pub lesson: &'static str,
    check: fn(&World, &[&Exchange]) -> Verdict,
}

impl Step {
    /// Checks the step against the world and the history (oldest first).
    pub fn check(&self, world: &World, history: &[&Exchange]) -> Verdict {
        (self.check)(world, history)
    }
}

/// The course, in order.
pub const STEPS: &[Step] = &[
    Step {
        id: "first-copy",
        title: "Send a first successful copy",
        instructions: "With Action CopyImage, ImageId m-bp1h46wfpjsjastc****, RegionId cn-hangzhou and \
                       DestinationRegionId cn-shanghai, press Send. The response must be 200 with the new \
                       ImageId.",
        lesson: "CopyImage answers at once with the ID of the copy; the copy itself is only queued.",
        check: first_copy,
    },
    Step {
        id: "describe-in-progress",
        title: "Find the copy with DescribeImages while it is in progress",
        instructions: "Switch Action to DescribeImages, set RegionId to cn-shanghai (the copy's destination), \
                       clear ImageId (it names the source image), set Status to Creating,Waiting and press Send \
                       before the copy finishes.",
        lesson: "DescribeImages lists only Available images unless Status says otherwise, so a copy in progress \
                 is invisible to a plain listing.",
        check: describe_in_progress,
    },
    Step {
        id: "queue-three",
        title: "Watch the queue when three copies leave one region",
        instructions: "Switch Action back to CopyImage (Status goes, since CopyImage does not take it), set \
                       RegionId to cn-hangzhou and ImageId to m-bp1h46wfpjsjastc****, then press Send three \
                       times, with DestinationRegionId cn-shanghai, cn-beijing and cn-hongkong in turn. Then \
                       press Run to idle and watch the copies run one at a time.",
        lesson: "A region runs one copy task at a time; the others wait in order (FIFO) and start as it ends.",
        check: queue_three,
    },
    Step {
        id: "cancel",
        title: "Cancel a copy",
        instructions: "Press Send again to start one more copy (to cn-hongkong, as the form stands), then, while \
                       it is Waiting or Creating, press Cancel copy on its row in the World pane (it sends \
                       CancelCopyImage with the copy's ImageId and its destination RegionId).",
        lesson: "CancelCopyImage takes the copy's ID and the destination region; the half-made copy disappears.",
        check: cancel,
    },
    Step {
        id: "delete-copying",
        title: "Try to delete an image that is being copied",
        instructions: "Press Send to start another copy; while it is in progress, switch Action to DeleteImage, \
                       set ImageId to the new copy's ImageId (from the response) and RegionId to cn-hongkong \
                       (its destination), and press Send.",
        lesson: "A copy in progress cannot be deleted (403 OperationDenied.ImageCopying, \"The Image is coping.\"); \
                 cancel it instead.",
        check: delete_copying,
    },
    Step {
        id: "error-same-region",
        title: "Error: same source and destination",
        instructions: "Switch Action back to CopyImage, set RegionId to cn-hangzhou, ImageId to \
                       m-bp1h46wfpjsjastc**** and DestinationRegionId to cn-hangzhou (the same region), and \
                       press Send.",
        lesson: "403 IncorrectDestinationRegion: a copy must go to another region.",
        check: same_region,
    },
    Step {
        id: "error-kms-without-encrypted",
        title: "Error: a KMS key without Encrypted",
        instructions: "Set DestinationRegionId back to cn-shanghai and KMSKeyId to \
                       e522b26d-abf6-4e0d-b5da-04b7******3c, leave Encrypted empty, and press Send.",
        lesson: "400 InvalidParameter.EncryptedIllegal: a key only makes sense for an encrypted copy.",
        check: kms_without_encrypted,
    },
    Step {
        id: "error-shared-image",
        title: "Error: copy a shared image to another region",
        instructions: "Clear KMSKeyId, set ImageId to m-bp1partner000shared1 (shared to you by another account), \
                       keep cn-hangzhou to cn-shanghai, and press Send.",
        lesson: "403 OperationDenied.SameRegionOnly: images shared by others cannot be copied across regions.",
        check: shared_image,
    },
    Step {
        id: "error-quota",
        title: "Error: the image quota is reached",
        instructions: "Set ImageId back to m-bp1h46wfpjsjastc**** and DestinationRegionId to cn-qingdao. This \
                       ordinary account has room for more images there, so first, in the Scenario pane under \
                       Regions, set cn-qingdao's image quota to 1 (it already holds one custom image, qingdao-only); \
                       then press Send.",
        lesson: "403 QuotaExceed.Image: the copy counts against the destination region's image quota.",
        check: quota,
    },
    Step {
        id: "error-aliyun-name",
        title: "Error: a name starting with aliyun",
        instructions: "Set DestinationRegionId back to cn-shanghai and DestinationImageName to aliyun-copy, and \
                       press Send.",
        lesson: "400 InvalidImageName.Malformed: names may not start with aliyun or acs: (they are reserved).",
        check: aliyun_name,
    },
    Step {
        id: "use-the-copy",
        title: "Launch an instance from your copy in cn-shanghai",
        instructions: "Clear DestinationImageName and press Send: a copy to cn-shanghai starts. While it is still \
                       Waiting or Creating, set Action to RunInstances, RegionId to cn-shanghai, ImageId to the new \
                       copy's ImageId and InstanceType to ecs.g6.large, and press Send: it is refused. Press Run to \
                       idle, then press Send again.",
        lesson: "A copy is used where it landed, and only once it is Available: before that RunInstances answers \
                 400 IncorrectImageStatus; after, it answers 200 with the new instance's ID (InstanceIdSets).",
        check: use_the_copy,
    },
];

/// The step with this ID.
pub fn step(id: &str) -> Option<&'static Step> {
    STEPS.iter().find(|s| s.id == id)
}

/// Checks every step, in order.
pub fn check_all(world: &World, history: &[&Exchange]) -> Vec<Verdict> {
    STEPS.iter().map(|s| s.check(world, history)).collect()
}

// ---------------------------------------------------------------------------------------------------------
// Reading exchanges
// ---------------------------------------------------------------------------------------------------------

fn action(x: &Exchange) -> &str {
    param(&x.params, "Action").unwrap_or("")
}

fn p<'a>(x: &'a Exchange, name: &str) -> &'a str {
    param(&x.params, name).unwrap_or("")
}

/// The error code of a response, if it is an error.
pub fn code(x: &Exchange) -> Option<String> {
    x.answer.code().map(String::from)
}

/// `403 IncorrectDestinationRegion`, or `200 OK`.
fn outcome(x: &Exchange) -> String {
    match code(x) {
        Some(c) => format!("{} {c}", x.response.status),
        None => format!("{} {}", x.response.status, x.response.reason()),
    }
}

/// The images a DescribeImages answer lists, as (ImageId, Status), read from the typed answer.
pub fn listed_images(x: &Exchange) -> Vec<(String, String)> {
    let Some(images) = x.answer.field("Images") else {
        return Vec::new();
    };
    images
        .items()
        .iter()
        .filter_map(|i| {
            let id = i.get("ImageId")?.as_str()?;
            let status = i.get("Status")?.as_str()?;
            Some((id.to_string(), status.to_string()))
        })
        .collect()
}

/// Successful copies: (new ImageId, source region, destination region).
fn copies(history: &[&Exchange]) -> Vec<(String, String, String)> {
    history
        .iter()
        .filter(|x| action(x) == "CopyImage" && x.response.status == 200)
        .filter_map(|x| {
            let id = x.answer.str_field("ImageId")?.to_string();
            let src = p(x, "RegionId").to_string();
            let dst = match p(x, "DestinationRegionId") {
                "" => src.clone(),
                d => d.to_string(),
            };
            Some((id, src, dst))
        })
        .collect()
}

fn last_of<'a>(history: &[&'a Exchange], act: &str) -> Option<&'a Exchange> {
    history.iter().rev().find(|x| action(x) == act).copied()
}

// ---------------------------------------------------------------------------------------------------------
// The checks
// ---------------------------------------------------------------------------------------------------------

fn first_copy(_: &World, h: &[&Exchange]) -> Verdict {
    if let Some((id, src, dst)) = copies(h).into_iter().next() {
        return Verdict::done(said(
            "CopyImage answered 200 with ImageId {image} ({source} to {destination}).",
            &[("image", &id), ("source", &src), ("destination", &dst)],
        ));
    }
    match last_of(h, "CopyImage") {
        Some(x) => Verdict::not_yet(said(
            "your last CopyImage got {outcome}; a first copy needs a 200 response.",
            &[("outcome", &outcome(x))],
        )),
        None => Verdict::not_yet(said("no CopyImage has been sent yet.", &[])),
    }
}

fn describe_in_progress(_: &World, h: &[&Exchange]) -> Verdict {
    let copies = copies(h);
    if copies.is_empty() {
        return Verdict::not_yet(said("send a successful copy first (step 1).", &[]));
    }
    let mut last_reason = None;
    for x in h.iter().filter(|x| action(x) == "DescribeImages") {
        if x.response.status != 200 {
            last_reason = Some(said("your DescribeImages got {outcome}.", &[("outcome", &outcome(x))]));
            continue;
        }
        let listed = listed_images(x);
        let found: Vec<&(String, String)> = listed
            .iter()
            .filter(|(id, _)| copies.iter().any(|c| &c.0 == id))
            .collect();
        if let Some((id, status)) = found.iter().find(|(_, s)| s == "Creating" || s == "Waiting") {
            return Verdict::done(said(
                "DescribeImages listed your copy {image} with Status {status}.",
                &[("image", id), ("status", status)],
            ));
        }
        last_reason = Some(match found.first() {
            Some((id, status)) => said(
                "your DescribeImages listed the copy {image} as {status}: it had already finished. Send a new copy \
                 and look while it is Waiting or Creating.",
                &[("image", id), ("status", status)],
            ),
            None => {
                let region = p(x, "RegionId");
                let in_region = copies.iter().any(|c| c.2 == region);
                let ids = p(x, "ImageId");
                let status = p(x, "Status");
                // Name the real reason: a leftover ImageId filter, a missing Status, or a Status that excludes
                // copies in progress.
                if in_region && !ids.is_empty() && !ids.split(',').any(|i| copies.iter().any(|c| c.0 == i.trim())) {
                    said(
                        "your DescribeImages in {region} asked only for ImageId {ids}, which is not a copy of yours \
                         (the copy step's ImageId is the source image). Clear ImageId, or set it to your copy's ID.",
                        &[("region", region), ("ids", ids)],
                    )
                } else if in_region && status.is_empty() {
                    said(
                        "your DescribeImages in {region} did not list your copy: without Status it lists only \
                         Available images. Add Status=Creating,Waiting.",
                        &[("region", region)],
                    )
                } else if in_region {
                    said(
                        "your DescribeImages in {region} with Status={status} did not list your copy: a copy in \
                         progress is Waiting or Creating.",
                        &[("region", region), ("status", status)],
                    )
                } else {
                    let regions = copies.iter().map(|c| c.2.as_str()).collect::<Vec<_>>().join(", ");
                    said(
                        "your DescribeImages looked in {region}, but your copies are in {regions}.",
                        &[("region", region), ("regions", &regions)],
                    )
                }
            }
        });
    }
    Verdict::not_yet(last_reason.unwrap_or_else(|| said("no DescribeImages has been sent yet.", &[])))
}

fn queue_three(w: &World, h: &[&Exchange]) -> Verdict {
    let copies = copies(h);
    // The user's copy tasks, grouped by lane.
    let mut lanes: Vec<(String, Vec<&crate::model::queue::CopyTask>)> = Vec::new();
    for t in w
        .queue
        .tasks
        .iter()
        .filter(|t| copies.iter().any(|c| c.0 == t.destination_image_id))
    {
        match lanes.iter_mut().find(|(l, _)| *l == t.lane) {
            Some((_, v)) => v.push(t),
            None => lanes.push((t.lane.clone(), vec![t])),
        }
    }
    // The busiest lane (the first of equals); no sort, which would cost the WASM bundle a sort routine.
    let busiest = lanes.iter().fold(
        None::<&(String, Vec<&crate::model::queue::CopyTask>)>,
        |best, l| match best {
            Some(b) if b.1.len() >= l.1.len() => Some(b),
            _ => Some(l),
        },
    );
    let Some((lane, tasks)) = busiest else {
        return Verdict::not_yet(said("no copy of yours is in the queue yet.", &[]));
    };
    let n = |k: usize| k.to_string();
    if tasks.len() < 3 {
        // The busiest lane only: a count per lane would need English words between the numbers.
        return Verdict::not_yet(said(
            "three copies must leave the same region; you have {n} from {lane}.",
            &[("n", &n(tasks.len())), ("lane", lane)],
        ));
    }
    let count = |s: TaskState| tasks.iter().filter(|t| t.state == s).count();
    let done = count(TaskState::Done);
    let waited = tasks.iter().any(|t| t.started_at.is_some_and(|s| s > t.enqueued_at));
    if done >= 3 && waited {
        return Verdict::done(said(
            "{n} copies left {lane}; they ran one after another and {done} finished.",
            &[("n", &n(tasks.len())), ("lane", lane), ("done", &n(done))],
        ));
    }
    if done >= 3 {
        return Verdict::not_yet(said(
            "your copies from {lane} never had to wait for each other: send three in a row, before the first \
             finishes.",
            &[("lane", lane)],
        ));
    }
    Verdict::not_yet(said(
        "{n} copies are in {lane}'s queue: {running} running, {waiting} waiting, {done} finished. Run the clock \
         (Run to idle) until three have finished.",
        &[
            ("n", &n(tasks.len())),
            ("lane", lane),
            ("running", &n(count(TaskState::Running))),
            ("waiting", &n(count(TaskState::Waiting))),
            ("done", &n(done)),
        ],
    ))
}

fn cancel(_: &World, h: &[&Exchange]) -> Verdict {
    if let Some(x) = h
        .iter()
        .find(|x| action(x) == "CancelCopyImage" && x.response.status == 200)
    {
        return Verdict::done(said(
            "CancelCopyImage cancelled the copy {image}.",
            &[("image", p(x, "ImageId"))],
        ));
    }
    match last_of(h, "CancelCopyImage") {
        Some(x) => {
            // One template per hint, so each reads as one sentence in any language.
            let args = [("image", p(x, "ImageId")), ("outcome", &outcome(x))];
            Verdict::not_yet(match code(x).as_deref() {
                Some("IncorrectImageStatus") => said(
                    "your CancelCopyImage of {image} got {outcome}. That copy had already ended; cancel one that \
                     is still in progress.",
                    &args,
                ),
                Some("ImageCreatedNotFromCopy") => said(
                    "your CancelCopyImage of {image} got {outcome}. That image is not a copy; use the ImageId a \
                     CopyImage returned.",
                    &args,
                ),
                Some("InvalidImageId.NotFound") => said(
                    "your CancelCopyImage of {image} got {outcome}. Use the copy's ImageId with its destination \
                     RegionId.",
                    &args,
                ),
                _ => said("your CancelCopyImage of {image} got {outcome}.", &args),
            })
        }
        None => Verdict::not_yet(said("no CancelCopyImage has been sent yet.", &[])),
    }
}

fn delete_copying(_: &World, h: &[&Exchange]) -> Verdict {
    if let Some(x) = h
        .iter()
        .find(|x| action(x) == "DeleteImage" && code(x).as_deref() == Some("OperationDenied.ImageCopying"))
    {
        return Verdict::done(said(
            "DeleteImage of {image} was refused: 403 OperationDenied.ImageCopying.",
            &[("image", p(x, "ImageId"))],
        ));
    }
    match last_of(h, "DeleteImage") {
        Some(x) if x.response.status == 200 => Verdict::not_yet(said(
            "DeleteImage of {image} answered 200: that image was not being copied (a missing image is ignored, an \
             Available one is deleted). Delete a copy while it is Waiting or Creating.",
            &[("image", p(x, "ImageId"))],
        )),
        Some(x) => Verdict::not_yet(said(
            "your DeleteImage of {image} got {outcome}, not OperationDenied.ImageCopying.",
            &[("image", p(x, "ImageId")), ("outcome", &outcome(x))],
        )),
        None => Verdict::not_yet(said("no DeleteImage has been sent yet.", &[])),
    }
}

/// An error step: a CopyImage whose response has `want` (and passes `extra`, which says why not).
fn copy_error(h: &[&Exchange], status: u16, want: &str, extra: fn(&Exchange) -> Result<(), Said>) -> Verdict {
    let mut last_reason = None;
    let st = status.to_string();
    for x in h.iter().filter(|x| action(x) == "CopyImage") {
        if x.response.status == status && code(x).as_deref() == Some(want) {
            match extra(x) {
                Ok(()) => {
                    return Verdict::done(said(
                        "CopyImage got {status} {code}.",
                        &[("status", &st), ("code", want)],
                    ))
                }
                Err(e) => last_reason = Some(e),
            }
        } else {
            last_reason = Some(said(
                "your last CopyImage got {outcome}; this step wants {status} {code}.",
                &[("outcome", &outcome(x)), ("status", &st), ("code", want)],
            ));
        }
    }
    Verdict::not_yet(last_reason.unwrap_or_else(|| said("no CopyImage has been sent yet.", &[])))
}

fn any(_: &Exchange) -> Result<(), Said> {
    Ok(())
}

fn same_region(_: &World, h: &[&Exchange]) -> Verdict {
    copy_error(h, 403, "IncorrectDestinationRegion", |x| {
        if p(x, "DestinationRegionId") == p(x, "RegionId") {
            Ok(())
        } else {
            Err(said(
                "you got IncorrectDestinationRegion by leaving DestinationRegionId out (it then defaults to the \
                 source); set it to the same region as RegionId.",
                &[],
            ))
        }
    })
}

fn kms_without_encrypted(_: &World, h: &[&Exchange]) -> Verdict {
    copy_error(h, 400, "InvalidParameter.EncryptedIllegal", any)
}

fn shared_image(_: &World, h: &[&Exchange]) -> Verdict {
    copy_error(h, 403, "OperationDenied.SameRegionOnly", any)
}

fn quota(_: &World, h: &[&Exchange]) -> Verdict {
    copy_error(h, 403, "QuotaExceed.Image", any)
}

fn aliyun_name(_: &World, h: &[&Exchange]) -> Verdict {
    copy_error(h, 400, "InvalidImageName.Malformed", |x| {
        if p(x, "DestinationImageName").starts_with("aliyun") {
            Ok(())
        } else {
            Err(said(
                "the name \"{name}\" was refused for another reason; this step wants a name that starts with aliyun.",
                &[("name", p(x, "DestinationImageName"))],
            ))
        }
    })
}

/// RunInstances from one of your copies, in its destination region: refused while the copy was in progress,
/// then accepted.
fn use_the_copy(_: &World, h: &[&Exchange]) -> Verdict {
    let copies = copies(h);
    let from_copy = |x: &&&Exchange| {
        action(x) == "RunInstances" && copies.iter().any(|c| c.0 == p(x, "ImageId") && c.2 == p(x, "RegionId"))
    };
    let runs: Vec<&&Exchange> = h.iter().filter(from_copy).collect();
    let refused = runs
        .iter()
        .position(|x| code(x).as_deref() == Some("IncorrectImageStatus"));
    let Some(first_refusal) = refused else {
        return Verdict::not_yet(match last_of(h, "RunInstances") {
            None if copies.is_empty() => said("send a copy to cn-shanghai first.", &[]),
            None => said("no RunInstances has been sent yet.", &[]),
            Some(x) if runs.is_empty() => said(
                "your RunInstances used ImageId {image} in {region}; use your copy's ID in its destination region.",
                &[("image", p(x, "ImageId")), ("region", p(x, "RegionId"))],
            ),
            Some(x) => said(
                "your RunInstances got {outcome}; try it first while the copy is still Waiting or Creating.",
                &[("outcome", &outcome(x))],
            ),
        });
    };
    match runs[first_refusal..].iter().find(|x| x.response.status == 200) {
        Some(x) => Verdict::done(said(
            "RunInstances was refused with IncorrectImageStatus while the copy was in progress, then answered 200 \
             from {image} once it was Available.",
            &[("image", p(x, "ImageId"))],
        )),
        None => Verdict::not_yet(said(
            "RunInstances was refused while the copy was in progress (good); your last try got {outcome}. Run the \
             clock until the copy is Available and send it again.",
            &[("outcome", &outcome(runs[runs.len() - 1]))],
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::engine::{CallContext, Engine};

    #[test]
    fn use_the_copy_needs_a_refusal_first_then_a_launch() {
        let mut c = Course::new();
        let id = c.copy("cn-shanghai");
        let run = |c: &mut Course, image: &str| {
            c.send(&[
                ("Action", "RunInstances"),
                ("RegionId", "cn-shanghai"),
                ("ImageId", image),
                ("InstanceType", "ecs.g6.large"),
            ])
            .response
            .status
        };
        assert_eq!(
            c.verdict("use-the-copy").message,
            "Not yet: no RunInstances has been sent yet."
        );
        assert_eq!(run(&mut c, &id), 400);
        let v = c.verdict("use-the-copy");
        assert!(!v.done && v.message.contains("Run the clock"), "{}", v.message);
        c.e.run_to_idle();
        assert_eq!(run(&mut c, &id), 200);
        let v = c.verdict("use-the-copy");
        assert!(v.done, "{}", v.message);
        // Launching straight from an Available copy, never refused, does not teach the point.
        let mut c = Course::new();
        let id = c.copy("cn-shanghai");
        c.e.run_to_idle();
        assert_eq!(run(&mut c, &id), 200);
        let v = c.verdict("use-the-copy");
        assert!(
            !v.done && v.message.contains("while the copy is still"),
            "{}",
            v.message
        );
    }

    struct Course {
        e: Engine,
        h: Vec<Exchange>,
    }

    impl Course {
        fn new() -> Course {
            Course {
                e: Engine::from_preset(PRESET, 1).unwrap(),
                h: vec![],
            }
        }
        fn send(&mut self, kv: &[(&str, &str)]) -> &Exchange {
            let mut p: Vec<(String, String)> = vec![
                ("Version".into(), "2014-05-26".into()),
                ("Format".into(), "JSON".into()),
            ];
            p.extend(kv.iter().map(|(k, v)| (k.to_string(), v.to_string())));
            let x = self.e.call(&p, &CallContext::new("ecs.cn-hangzhou.aliyuncs.com"));
            self.h.push(x);
            self.h.last().unwrap()
        }
        fn copy(&mut self, dst: &str) -> String {
            let x = self.send(&[
                ("Action", "CopyImage"),
                ("RegionId", "cn-hangzhou"),
                ("ImageId", crate::teach::presets::DOC_IMAGE_ID),
                ("DestinationRegionId", dst),
            ]);
            assert_eq!(x.response.status, 200, "{}", x.response.body);
            x.answer.str_field("ImageId").unwrap().to_string()
        }
        fn verdict(&self, id: &str) -> Verdict {
            let h: Vec<&Exchange> = self.h.iter().collect();
            let v = step(id).unwrap().check(self.e.world(), &h);
            assert_translatable(&v);
            v
        }
    }

    /// A verdict's English is its template filled, and its arguments are identifiers, numbers and wire
    /// values, never English words, so a translated template reads whole.
    fn assert_translatable(v: &Verdict) {
        let filled = crate::teach::why::fill(v.msg, &v.args);
        let want = if v.done { filled } else { format!("Not yet: {filled}") };
        assert_eq!(v.message, want);
        for (k, a) in &v.args {
            assert!(v.msg.contains(&format!("{{{k}}}")), "{k} is not in {:?}", v.msg);
            for tok in a.split([' ', ',']).filter(|t| !t.is_empty()) {
                assert!(
                    tok.chars()
                        .any(|c| c.is_ascii_digit() || c.is_ascii_uppercase() || "-*.".contains(c)),
                    "{k}={a:?}: {tok:?} reads as an English word"
                );
            }
        }
    }

    #[test]
    fn there_are_at_least_eight_steps_with_unique_ids() {
        assert!(STEPS.len() >= 8);
        let mut ids: Vec<&str> = STEPS.iter().map(|s| s.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), STEPS.len());
    }

    #[test]
    fn nothing_is_done_on_a_fresh_world() {
        let c = Course::new();
        let h: Vec<&Exchange> = vec![];
        for (s, v) in STEPS.iter().zip(check_all(c.e.world(), &h)) {
            assert!(!v.done, "{}", s.id);
            assert!(v.message.starts_with("Not yet: "), "{}: {}", s.id, v.message);
        }
    }

    #[test]
    fn first_copy_refuses_an_error_then_ticks() {
        let mut c = Course::new();
        c.send(&[
            ("Action", "CopyImage"),
            ("RegionId", "cn-hangzhou"),
            ("ImageId", crate::teach::presets::DOC_IMAGE_ID),
            ("DestinationRegionId", "cn-hangzhou"),
        ]);
        assert_eq!(
            c.verdict("first-copy").message,
            "Not yet: your last CopyImage got 403 IncorrectDestinationRegion; a first copy needs a 200 response."
        );
        let id = c.copy("cn-shanghai");
        let v = c.verdict("first-copy");
        assert!(v.done);
        assert_eq!(
            v.message,
            format!("CopyImage answered 200 with ImageId {id} (cn-hangzhou to cn-shanghai).")
        );
    }

    #[test]
    fn describe_needs_the_copy_listed_while_in_progress_in_json_and_xml() {
        for format in ["JSON", "XML"] {
            let mut c = Course::new();
            let id = c.copy("cn-shanghai");
            // Wrong: the plain listing hides copies in progress.
            c.send(&[
                ("Action", "DescribeImages"),
                ("RegionId", "cn-shanghai"),
                ("Format", format),
            ]);
            let v = c.verdict("describe-in-progress");
            assert!(!v.done);
            assert!(v.message.contains("lists only Available images"), "{}", v.message);
            // Wrong: the source region.
            c.send(&[
                ("Action", "DescribeImages"),
                ("RegionId", "cn-hangzhou"),
                ("Format", format),
            ]);
            assert!(c
                .verdict("describe-in-progress")
                .message
                .contains("your copies are in cn-shanghai"));
            // Wrong: Status is set, but the copy step's ImageId (the source image) is still a filter; the
            // feedback names that, not the Status default.
            c.send(&[
                ("Action", "DescribeImages"),
                ("RegionId", "cn-shanghai"),
                ("Status", "Creating,Waiting"),
                ("ImageId", crate::teach::presets::DOC_IMAGE_ID),
                ("Format", format),
            ]);
            let v = c.verdict("describe-in-progress");
            assert!(!v.done);
            assert!(v.message.contains("Clear ImageId"), "{}", v.message);
            assert!(!v.message.contains("Add Status"), "{}", v.message);
            // Right.
            c.send(&[
                ("Action", "DescribeImages"),
                ("RegionId", "cn-shanghai"),
                ("Status", "Creating,Waiting"),
                ("Format", format),
            ]);
            let v = c.verdict("describe-in-progress");
            assert!(v.done, "{format}: {}", v.message);
            assert!(v.message.contains(&id), "{}", v.message);
        }
    }

    #[test]
    fn describe_after_the_copy_finished_is_refused() {
        let mut c = Course::new();
        let id = c.copy("cn-shanghai");
        c.e.run_to_idle();
        c.send(&[
            ("Action", "DescribeImages"),
            ("RegionId", "cn-shanghai"),
            ("Status", "ALL"),
        ]);
        let v = c.verdict("describe-in-progress");
        assert!(!v.done);
        assert!(
            v.message.contains(&format!("the copy {id} as Available")),
            "{}",
            v.message
        );
    }

    #[test]
    fn queue_three_needs_one_region_and_the_clock() {
        let mut c = Course::new();
        c.copy("cn-shanghai");
        c.copy("cn-beijing");
        assert_eq!(
            c.verdict("queue-three").message,
            "Not yet: three copies must leave the same region; you have 2 from cn-hangzhou."
        );
        c.copy("cn-hongkong");
        let v = c.verdict("queue-three");
        assert_eq!(
            v.message,
            "Not yet: 3 copies are in cn-hangzhou's queue: 1 running, 2 waiting, 0 finished. Run the clock (Run \
             to idle) until three have finished."
        );
        c.e.run_to_idle();
        let v = c.verdict("queue-three");
        assert!(v.done, "{}", v.message);
    }

    #[test]
    fn queue_three_refuses_copies_that_never_waited() {
        let mut c = Course::new();
        for dst in ["cn-shanghai", "cn-beijing", "cn-hongkong"] {
            c.copy(dst);
            c.e.run_to_idle();
        }
        let v = c.verdict("queue-three");
        assert!(!v.done);
        assert!(v.message.contains("never had to wait"), "{}", v.message);
    }

    #[test]
    fn cancel_refuses_a_finished_copy_then_ticks() {
        let mut c = Course::new();
        let first = c.copy("cn-shanghai");
        c.e.run_to_idle();
        c.send(&[
            ("Action", "CancelCopyImage"),
            ("RegionId", "cn-shanghai"),
            ("ImageId", &first),
        ]);
        let v = c.verdict("cancel");
        assert!(!v.done);
        assert!(
            v.message.contains("400 IncorrectImageStatus") && v.message.contains("already ended"),
            "{}",
            v.message
        );
        let second = c.copy("cn-shanghai");
        c.send(&[
            ("Action", "CancelCopyImage"),
            ("RegionId", "cn-shanghai"),
            ("ImageId", &second),
        ]);
        let v = c.verdict("cancel");
        assert!(v.done, "{}", v.message);
        assert!(c.e.world().image(&second).is_none());
    }

    #[test]
    fn delete_copying_refuses_a_plain_delete_then_ticks() {
        let mut c = Course::new();
        c.send(&[
            ("Action", "DeleteImage"),
            ("RegionId", "cn-hangzhou"),
            ("ImageId", "m-bp1fq2h3gbxtc5dm9k1a"),
        ]);
        let v = c.verdict("delete-copying");
        assert!(!v.done);
        assert!(v.message.contains("was not being copied"), "{}", v.message);
        let id = c.copy("cn-shanghai");
        c.send(&[("Action", "DeleteImage"), ("RegionId", "cn-shanghai"), ("ImageId", &id)]);
        let v = c.verdict("delete-copying");
        assert!(v.done, "{}", v.message);
    }

    #[test]
    fn the_five_errors_refuse_wrong_attempts_and_tick_on_the_right_one() {
        let base = [("Action", "CopyImage"), ("RegionId", "cn-hangzhou")];
        let doc = crate::teach::presets::DOC_IMAGE_ID;
        let kms = crate::teach::presets::DOC_KMS_KEY_ID;
        // (step, wrong attempt, right attempt)
        type Kv = Vec<(&'static str, &'static str)>;
        let cases: Vec<(&str, Kv, Kv)> = vec![
            (
                "error-same-region",
                vec![("ImageId", doc)],
                vec![("ImageId", doc), ("DestinationRegionId", "cn-hangzhou")],
            ),
            (
                "error-kms-without-encrypted",
                vec![
                    ("ImageId", doc),
                    ("DestinationRegionId", "cn-shanghai"),
                    ("Encrypted", "true"),
                    ("KMSKeyId", "nope"),
                ],
                vec![
                    ("ImageId", doc),
                    ("DestinationRegionId", "cn-shanghai"),
                    ("KMSKeyId", kms),
                ],
            ),
            (
                "error-shared-image",
                vec![
                    ("ImageId", "m-bp1market0000lamp001"),
                    ("DestinationRegionId", "cn-shanghai"),
                ],
                vec![
                    ("ImageId", "m-bp1partner000shared1"),
                    ("DestinationRegionId", "cn-shanghai"),
                ],
            ),
            (
                "error-quota",
                vec![("ImageId", doc), ("DestinationRegionId", "cn-shenzhen")],
                vec![("ImageId", doc), ("DestinationRegionId", "cn-qingdao")],
            ),
            (
                "error-aliyun-name",
                vec![
                    ("ImageId", doc),
                    ("DestinationRegionId", "cn-shanghai"),
                    ("DestinationImageName", "1copy"),
                ],
                vec![
                    ("ImageId", doc),
                    ("DestinationRegionId", "cn-shanghai"),
                    ("DestinationImageName", "aliyun-copy"),
                ],
            ),
        ];
        for (id, wrong, right) in cases {
            let mut c = Course::new();
            let mut kv: Vec<(&str, &str)> = base.to_vec();
            kv.extend(wrong);
            c.send(&kv);
            let v = c.verdict(id);
            assert!(!v.done, "{id}: {}", v.message);
            assert!(v.message.starts_with("Not yet: "), "{id}: {}", v.message);
            if id == "error-quota" {
                // What the step says to do first: fill cn-qingdao's image quota (it holds one image).
                let edit = crate::model::edits::set_edit("/regions/cn-qingdao/image_quota", "1");
                crate::model::edits::apply(c.e.world_mut(), &edit).unwrap();
            }
            let mut kv: Vec<(&str, &str)> = base.to_vec();
            kv.extend(right);
            let x = c.send(&kv).clone();
            let v = c.verdict(id);
            assert!(v.done, "{id}: {} / {}", v.message, x.response.body);
        }
    }

    #[test]
    fn specific_refusals_name_the_reason() {
        let mut c = Course::new();
        c.send(&[
            ("Action", "CopyImage"),
            ("RegionId", "cn-hangzhou"),
            ("ImageId", crate::teach::presets::DOC_IMAGE_ID),
        ]);
        assert!(c
            .verdict("error-same-region")
            .message
            .contains("by leaving DestinationRegionId out"));
        c.send(&[
            ("Action", "CopyImage"),
            ("RegionId", "cn-hangzhou"),
            ("ImageId", crate::teach::presets::DOC_IMAGE_ID),
            ("DestinationRegionId", "cn-shanghai"),
            ("DestinationImageName", "1copy"),
        ]);
        assert_eq!(
            c.verdict("error-aliyun-name").message,
            "Not yet: the name \"1copy\" was refused for another reason; this step wants a name that starts with \
             aliyun."
        );
    }

    #[test]
    fn listed_images_reads_both_formats() {
        let mut c = Course::new();
        for format in ["JSON", "XML"] {
            let x = c
                .send(&[
                    ("Action", "DescribeImages"),
                    ("RegionId", "cn-hangzhou"),
                    ("Status", "ALL"),
                    ("Format", format),
                ])
                .clone();
            let listed = listed_images(&x);
            assert!(listed.len() >= 5, "{format}: {listed:?}");
            assert!(
                listed.contains(&("m-bp1failed00000000001".into(), "CreateFailed".into())),
                "{listed:?}"
            );
            assert!(
                listed.contains(&(crate::teach::presets::DOC_IMAGE_ID.into(), "Available".into())),
                "{listed:?}"
            );
        }
    }
}
