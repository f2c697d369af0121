//! The copy queue: a FIFO scheduler per region lane on the virtual world clock.
//!
//! REF: "A single region can have only one image copy task running at a time. Other image copy tasks queue
//! up for the current task to complete before they run in sequence." The limit (1 by default; a newer doc
//! says 5) and the lane key (source region by default) are world settings.
//!
//! Tasks are never removed: each ends exactly once (Done, Failed or Canceled) and stays as history, so a
//! copy image's status can be read from its task. Lanes (the waiting FIFO and the running set) are derived
//! state, rebuilt from the tasks after loading, so a saved queue can never be inconsistent.
//!
//! Layer: model (may use `base`).

use serde::{Deserialize, Serialize};
use std::collections::VecDeque;

/// Where a task is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskState {
    /// Queued behind other tasks of its lane (image `Waiting`).
    Waiting,
    /// Copying (image `Creating`, Progress rising).
    Running,
    /// Finished (image `Available`).
    Done,
    /// Failed by an injected fault (image `CreateFailed`).
    Failed,
    /// Cancelled by CancelCopyImage (the copy image is gone).
    Canceled,
}

impl TaskState {
    /// Waiting or running.
    pub fn is_active(self) -> bool {
        matches!(self, TaskState::Waiting | TaskState::Running)
    }
}

/// One image copy.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CopyTask {
    /// Index in `Queue::tasks` (creation order, so FIFO order within a lane).
    pub id: usize,
    /// Source region.
    pub source_region: String,
    /// Source image.
    pub source_image_id: String,
    /// Destination region.
    pub destination_region: String,
    /// The copy being created.
    pub destination_image_id: String,
    /// The lane (region) the task queues in.
    pub lane: String,
    /// World seconds the copy takes once running (at least 1).
    pub duration_secs: u64,
    /// World time it was queued.
    pub enqueued_at: u64,
    /// World time it started running.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started_at: Option<u64>,
    /// World time it ended (done, failed or cancelled).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended_at: Option<u64>,
    /// Current state.
    pub state: TaskState,
    /// An injected fault: the task ends `Failed` half-way through.
    #[serde(default)]
    pub fails: bool,
}

impl CopyTask {
    /// When a running task will end (fails half-way when a fault was injected).
    pub fn end_time(&self) -> Option<u64> {
        let start = self.started_at?;
        let run = if self.fails {
            (self.duration_secs / 2).max(1)
        } else {
            self.duration_secs.max(1)
        };
        Some(start.saturating_add(run))
    }

    /// Progress in percent at world time `now`: 0 while waiting, rising while running (never 100 before
    /// the end), 100 when done, frozen where it stopped when failed, 0 when cancelled.
    pub fn progress_percent(&self, now: u64) -> u64 {
        let d = self.duration_secs.max(1);
        let elapsed = |until: u64| until.saturating_sub(self.started_at.unwrap_or(until));
        match self.state {
            TaskState::Waiting | TaskState::Canceled => 0,
            TaskState::Running => (elapsed(now).saturating_mul(100) / d).min(99),
            TaskState::Done => 100,
            TaskState::Failed => (elapsed(self.ended_at.unwrap_or(now)).saturating_mul(100) / d).min(99),
        }
    }
}

/// A lane's waiting FIFO and running set (derived from the tasks).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Lane {
    /// Waiting task IDs, oldest first.
    pub waiting: VecDeque<usize>,
    /// Running task IDs.
    pub running: Vec<usize>,
}

/// Every copy task, plus the derived lanes (rebuilt whenever a queue is deserialised, so an `Engine`
/// restored from JSON keeps running).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(from = "QueueData")]
pub struct Queue {
    /// All tasks in creation order.
    #[serde(default)]
    pub tasks: Vec<CopyTask>,
    /// Derived: per-lane FIFO and running set, rebuilt by `rebuild_lanes`. Sorted by lane key (so lanes
    /// are visited in key order, as a `BTreeMap` would): a plain `Vec`, because the lanes are few (one per
    /// region at most, or per region pair) and a `BTreeMap<String, Lane>` would add its own B-tree code to the WASM.
    #[serde(skip)]
    lanes: Vec<(String, Lane)>,
}

/// Two queues are equal when their tasks are: the lanes are derived from them.
impl PartialEq for Queue {
    fn eq(&self, other: &Queue) -> bool {
        self.tasks == other.tasks
    }
}

impl Eq for Queue {}

/// The saved form of a queue: just the tasks.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QueueData {
    #[serde(default)]
    tasks: Vec<CopyTask>,
}

impl From<QueueData> for Queue {
    fn from(d: QueueData) -> Queue {
        let mut q = Queue {
            tasks: d.tasks,
            lanes: Vec::new(),
        };
        q.rebuild_lanes();
        q
    }
}

/// Where lane `key` is in the sorted lanes (`Err`: where it would go).
fn find_lane(lanes: &[(String, Lane)], key: &str) -> Result<usize, usize> {
    lanes.binary_search_by(|(k, _)| k.as_str().cmp(key))
}

/// The lane with key `key`, created empty (in key order) if missing.
fn lanes_or_new<'a>(lanes: &'a mut Vec<(String, Lane)>, key: &str) -> &'a mut Lane {
    let i = match find_lane(lanes, key) {
        Ok(i) => i,
        Err(i) => {
            lanes.insert(i, (key.to_string(), Lane::default()));
            i
        }
    };
    &mut lanes[i].1
}

/// What a new task needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewTask {
    /// Source region.
    pub source_region: String,
    /// Source image.
    pub source_image_id: String,
    /// Destination region.
    pub destination_region: String,
    /// The copy's image ID.
    pub destination_image_id: String,
    /// Lane key.
    pub lane: String,
    /// Run time in world seconds.
    pub duration_secs: u64,
    /// Fail half-way (injected fault).
    pub fails: bool,
}

impl Queue {
    /// The lanes (derived state) as `(lane key, lane)`, sorted by key.
    pub fn lanes(&self) -> &[(String, Lane)] {
        &self.lanes
    }

    /// The lane with key `key`, if it has ever had a task since the last load.
    pub fn lane(&self, key: &str) -> Option<&Lane> {
        let i = find_lane(&self.lanes, key).ok()?;
        Some(&self.lanes[i].1)
    }

    fn lane_mut(&mut self, key: &str) -> Option<&mut Lane> {
        let i = find_lane(&self.lanes, key).ok()?;
        Some(&mut self.lanes[i].1)
    }

    /// Tasks waiting or running.
    pub fn active_tasks(&self) -> impl Iterator<Item = &CopyTask> {
        self.lanes
            .iter()
            .flat_map(|(_, l)| l.running.iter().chain(l.waiting.iter()))
            .filter_map(|&i| self.tasks.get(i))
    }

    /// How many tasks are ahead of a new one in `lane` (running plus waiting).
    pub fn ahead_in(&self, lane: &str) -> usize {
        self.lane(lane).map_or(0, |l| l.running.len() + l.waiting.len())
    }

    /// Queues a task at world time `now` and starts it at once if its lane has room. Returns its ID.
    pub fn enqueue(&mut self, t: NewTask, now: u64, limit: u32) -> usize {
        let id = self.tasks.len();
        self.tasks.push(CopyTask {
            id,
            source_region: t.source_region,
            source_image_id: t.source_image_id,
            destination_region: t.destination_region,
            destination_image_id: t.destination_image_id,
            lane: t.lane.clone(),
            duration_secs: t.duration_secs.max(1),
            enqueued_at: now,
            started_at: None,
            ended_at: None,
            state: TaskState::Waiting,
            fails: t.fails,
        });
        lanes_or_new(&mut self.lanes, &t.lane).waiting.push_back(id);
        self.fill(&t.lane, now, limit);
        id
    }

    /// Starts waiting tasks of `lane`, oldest first, while fewer than `limit` run.
    fn fill(&mut self, lane: &str, now: u64, limit: u32) {
        let Some(i) = find_lane(&self.lanes, lane).ok() else {
            return;
        };
        let l = &mut self.lanes[i].1;
        while l.running.len() < limit as usize {
            let Some(id) = l.waiting.pop_front() else { break };
            if let Some(t) = self.tasks.get_mut(id) {
                t.state = TaskState::Running;
                t.started_at = Some(now);
                l.running.push(id);
            }
        }
    }

    /// Starts waiting tasks in every lane that has room (after the limit was raised, or a load).
    pub fn fill_all(&mut self, now: u64, limit: u32) {
        let keys: Vec<String> = self.lanes.iter().map(|(k, _)| k.clone()).collect();
        for k in keys {
            self.fill(&k, now, limit);
        }
    }

    /// Cancels an active task at `now`; the lane moves on. Returns false if it was not active.
    pub fn cancel(&mut self, id: usize, now: u64, limit: u32) -> bool {
        let Some(t) = self.tasks.get_mut(id) else { return false };
        if !t.state.is_active() {
            return false;
        }
        t.state = TaskState::Canceled;
        t.ended_at = Some(now);
        let lane = t.lane.clone();
        if let Some(l) = self.lane_mut(&lane) {
            l.waiting.retain(|&x| x != id);
            l.running.retain(|&x| x != id);
        }
        self.fill(&lane, now, limit);
        true
    }

    /// The world time of the next task end, if anything runs.
    pub fn next_event(&self) -> Option<u64> {
        self.lanes
            .iter()
            .flat_map(|(_, l)| l.running.iter())
            .filter_map(|&i| self.tasks.get(i).and_then(|t| t.end_time()))
            .min()
    }

    /// Runs every event up to and including world time `target`, in time order; lanes refill at the
    /// instant a task ends, so a lane never idles while it has waiting tasks.
    pub fn advance_to(&mut self, target: u64, limit: u32) {
        while let Some(t) = self.next_event() {
            if t > target {
                break;
            }
            let mut refill = Vec::new();
            for (key, lane) in self.lanes.iter_mut() {
                let tasks = &mut self.tasks;
                let before = lane.running.len();
                lane.running.retain(|&i| match tasks.get_mut(i) {
                    Some(task) if task.end_time().is_some_and(|e| e <= t) => {
                        task.state = if task.fails { TaskState::Failed } else { TaskState::Done };
                        task.ended_at = Some(t);
                        false
                    }
                    _ => true,
                });
                if lane.running.len() != before {
                    refill.push(key.clone());
                }
            }
            for key in refill {
                self.fill(&key, t, limit);
            }
        }
    }

    /// Rebuilds the lanes from the tasks (after loading): waiting tasks in ID order, running ones as saved.
    pub fn rebuild_lanes(&mut self) {
        self.lanes.clear();
        for t in &self.tasks {
            match t.state {
                TaskState::Waiting => lanes_or_new(&mut self.lanes, &t.lane).waiting.push_back(t.id),
                TaskState::Running => lanes_or_new(&mut self.lanes, &t.lane).running.push(t.id),
                _ => {}
            }
        }
    }

    /// Checks loaded tasks: IDs match positions, regions exist, times agree with states.
    pub fn validate(&self, known_region: &dyn Fn(&str) -> bool) -> Result<(), String> {
        for (i, t) in self.tasks.iter().enumerate() {
            if t.id != i {
                return Err(format!(
                    "queue task at position {i} has id {}; ids must be 0, 1, 2, ...",
                    t.id
                ));
            }
            for r in [&t.source_region, &t.destination_region, &t.lane] {
                if !known_region(r) {
                    return Err(format!("queue task {i} names region `{r}`, which is not in this world"));
                }
            }
            if t.state == TaskState::Running && t.started_at.is_none() {
                return Err(format!("queue task {i} is running but has no started_at"));
            }
            if t.duration_secs == 0 {
                return Err(format!("queue task {i} has duration_secs 0"));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn task(lane: &str, d: u64) -> NewTask {
        NewTask {
            source_region: lane.into(),
            source_image_id: "m-src".into(),
            destination_region: "cn-shanghai".into(),
            destination_image_id: "m-dst".into(),
            lane: lane.into(),
            duration_secs: d,
            fails: false,
        }
    }

    #[test]
    fn one_runs_the_rest_wait_in_order() {
        let mut q = Queue::default();
        let a = q.enqueue(task("cn-hangzhou", 100), 0, 1);
        let b = q.enqueue(task("cn-hangzhou", 50), 0, 1);
        let c = q.enqueue(task("cn-beijing", 10), 0, 1);
        assert_eq!(q.tasks[a].state, TaskState::Running);
        assert_eq!(q.tasks[b].state, TaskState::Waiting);
        assert_eq!(q.tasks[c].state, TaskState::Running);
        assert_eq!(q.next_event(), Some(10));
        q.advance_to(99, 1);
        assert_eq!(q.tasks[c].state, TaskState::Done);
        assert_eq!(q.tasks[b].state, TaskState::Waiting);
        assert_eq!(q.tasks[a].progress_percent(50), 50);
        q.advance_to(100, 1);
        assert_eq!(q.tasks[a].state, TaskState::Done);
        assert_eq!(q.tasks[b].started_at, Some(100));
        q.advance_to(1000, 1);
        assert_eq!(q.tasks[b].ended_at, Some(150));
        assert_eq!(q.next_event(), None);
    }

    #[test]
    fn a_deserialised_queue_keeps_its_lanes() {
        let mut q = Queue::default();
        q.enqueue(task("cn-hangzhou", 100), 0, 1);
        q.enqueue(task("cn-hangzhou", 100), 0, 1);
        let back: Queue = serde_json::from_str(&serde_json::to_string(&q).unwrap()).unwrap();
        assert_eq!(back, q);
        assert_eq!(back.lane("cn-hangzhou").map(|l| l.waiting.len()), Some(1));
        assert_eq!(back.next_event(), Some(100));
    }

    #[test]
    fn cancel_frees_the_lane() {
        let mut q = Queue::default();
        let a = q.enqueue(task("cn-hangzhou", 100), 0, 1);
        let b = q.enqueue(task("cn-hangzhou", 100), 0, 1);
        assert!(q.cancel(a, 30, 1));
        assert!(!q.cancel(a, 31, 1));
        assert_eq!(q.tasks[b].started_at, Some(30));
        assert_eq!(q.tasks[a].state, TaskState::Canceled);
    }
}
