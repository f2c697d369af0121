//! Criterion benchmarks: one CopyImage evaluation (budget: well under 50 us), and queued copies across
//! every region run to idle at 1,000, 10,000 and 100,000 tasks (how the cost grows).

use copyimage_engine::engine::{CallContext, Engine};
use copyimage_engine::queue::NewTask;
use copyimage_engine::regions;
use copyimage_engine::scenario::{self, DOC_IMAGE_ID};
use copyimage_engine::wire::Params;
use copyimage_engine::world::RegionSettings;
use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;

fn doc_copy() -> Params {
    [
        ("Action", "CopyImage"),
        ("Version", "2014-05-26"),
        ("Format", "JSON"),
        ("RegionId", "cn-hangzhou"),
        ("ImageId", DOC_IMAGE_ID),
        ("DestinationRegionId", "cn-shanghai"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

fn copyimage(c: &mut Criterion) {
    let engine = Engine::from_preset("default", 1).expect("default preset");
    let ctx = CallContext::new("ecs.cn-hangzhou.aliyuncs.com");
    let params = doc_copy();
    let mut g = c.benchmark_group("copyimage");
    // What the UI does on each keystroke: evaluate without committing (only the RNG is copied).
    g.bench_function("preview_default_world", |b| {
        b.iter(|| black_box(engine.preview(black_box(&params), &ctx)))
    });
    // Evaluate and commit, on a fresh clone made (and dropped) outside the timing.
    g.bench_function("call_default_world", |b| {
        b.iter_batched(
            || engine.clone(),
            |mut e| {
                let x = e.call(black_box(&params), &ctx);
                (e, x)
            },
            BatchSize::SmallInput,
        )
    });
    // For scale: what a full copy of the default world costs (the old preview strategy).
    g.bench_function("clone_default_engine", |b| b.iter(|| black_box(engine.clone())));
    g.finish();
}

/// An engine with every open region and `n` copy tasks spread round-robin over all of them.
fn queued(n: usize) -> Engine {
    let mut w = scenario::preset("minimal").expect("minimal preset");
    w.regions = regions::open_regions().map(|r| RegionSettings::new(r.id)).collect();
    let ids: Vec<&str> = regions::open_regions().map(|r| r.id).collect();
    let limit = w.settings.queue_limit;
    for i in 0..n {
        let from = ids[i % ids.len()];
        let to = ids[(i + 1) % ids.len()];
        w.queue.enqueue(
            NewTask {
                source_region: from.into(),
                source_image_id: DOC_IMAGE_ID.into(),
                destination_region: to.into(),
                destination_image_id: format!("m-bench{i:015}"),
                lane: from.into(),
                duration_secs: 600 + (i as u64 % 7) * 60,
                fails: false,
            },
            0,
            limit,
        );
    }
    Engine::new(w, 1)
}

fn run_to_idle(c: &mut Criterion) {
    let mut g = c.benchmark_group("queue_run_to_idle");
    g.sample_size(10);
    for n in [1_000usize, 10_000, 100_000] {
        let engine = queued(n);
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::from_parameter(n), &engine, |b, engine| {
            b.iter_batched(
                || engine.clone(),
                |mut e| {
                    e.run_to_idle();
                    black_box(e.world_time())
                },
                BatchSize::LargeInput,
            )
        });
    }
    g.finish();
}

criterion_group!(benches, copyimage, run_to_idle);
criterion_main!(benches);
