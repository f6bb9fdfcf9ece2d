//! `--svg FILE`: latency and throughput by message size, one line per mechanism
//! (plotters' SVG backend: no system library needed).

use ipc_text::t;
use std::path::Path;

use ipc_support::{IpcError, Result};
use plotters::prelude::*;

use crate::measure::{Cell, Summary};
use crate::size::human;
use crate::transport;

type Pick = fn(&Cell) -> Option<&Summary>;

pub fn write_svg(path: &Path, cells: &[Cell]) -> Result<()> {
    draw(path, cells).map_err(|e| IpcError::refused(format!("writing {}", path.display()), e))
}

fn draw(path: &Path, cells: &[Cell]) -> std::result::Result<(), String> {
    let root = SVGBackend::new(path, (1200, 500)).into_drawing_area();
    root.fill(&WHITE).map_err(|e| e.to_string())?;
    let (left, right) = root.split_horizontally(600);
    let panels: [(&_, Texts, Pick, SeriesLabelPosition); 2] = [
        (
            &left,
            Texts {
                title: t!("bench-chart-latency"),
                unit: "ns",
                floor: t!("bench-chart-line"),
            },
            |c| c.latency.as_ref(),
            SeriesLabelPosition::UpperLeft,
        ),
        (
            &right,
            Texts {
                title: t!("bench-chart-throughput"),
                unit: "GB/s",
                floor: t!("bench-chart-copy"),
            },
            |c| c.throughput.as_ref(),
            SeriesLabelPosition::LowerRight,
        ),
    ];
    for (area, texts, pick, legend) in panels {
        panel(area, cells, &texts, pick, legend).map_err(|e| e.to_string())?;
    }
    root.present().map_err(|e| e.to_string())
}

struct Texts {
    title: String,
    unit: &'static str,
    /// Label of the baseline's line.
    floor: String,
}

/// The median baseline at each size, over every mechanism's repetitions.
fn baselines(cells: &[Cell], pick: Pick) -> Vec<(f64, f64)> {
    let mut sizes: Vec<usize> = cells.iter().map(|c| c.size).collect();
    sizes.dedup();
    sizes
        .into_iter()
        .filter_map(|size| {
            let all: Vec<f64> = cells
                .iter()
                .filter(|c| c.size == size)
                .filter_map(pick)
                .flat_map(|s| s.reps.iter().map(|r| r.baseline))
                .collect();
            (!all.is_empty()).then(|| (size as f64, crate::measure::median(all)))
        })
        .collect()
}

fn panel<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    cells: &[Cell],
    texts: &Texts,
    pick: Pick,
    legend: SeriesLabelPosition,
) -> std::result::Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let (title, unit) = (texts.title.as_str(), texts.unit);
    let floor = baselines(cells, pick);
    let points: Vec<(f64, f64)> = cells
        .iter()
        .filter_map(|c| pick(c).map(|s| (c.size as f64, s.value)))
        .chain(floor.iter().copied())
        .filter(|(_, v)| v.is_finite() && *v > 0.0)
        .collect();
    let bound = |f: fn(f64, f64) -> f64, init: f64, sel: fn(&(f64, f64)) -> f64| {
        points.iter().map(sel).fold(init, f)
    };
    let (x0, x1) = (
        bound(f64::min, f64::MAX, |p| p.0),
        bound(f64::max, 0.0, |p| p.0),
    );
    let (y0, y1) = (
        bound(f64::min, f64::MAX, |p| p.1),
        bound(f64::max, 0.0, |p| p.1),
    );
    let (x0, x1) = if points.is_empty() {
        (1.0, 2.0)
    } else {
        (x0 / 1.5, x1 * 1.5)
    };
    let (y0, y1) = if points.is_empty() {
        (1.0, 2.0)
    } else {
        (y0 / 2.0, y1 * 2.0)
    };
    let mut chart = ChartBuilder::on(area)
        .caption(title, ("sans-serif", 20))
        .margin(15)
        .x_label_area_size(40)
        .y_label_area_size(70)
        .build_cartesian_2d((x0..x1).log_scale(), (y0..y1).log_scale())?;
    chart
        .configure_mesh()
        .x_desc(t!("bench-chart-size"))
        .y_desc(unit)
        .x_label_formatter(&size_label)
        .y_label_formatter(&|y| {
            if unit == "ns" {
                crate::report::fmt_ns(*y)
            } else {
                format!("{y}")
            }
        })
        .draw()?;
    for (i, mech) in transport::ALL.iter().enumerate() {
        let line: Vec<(f64, f64)> = cells
            .iter()
            .filter(|c| c.mech.is(mech))
            .filter_map(|c| pick(c).map(|s| (c.size as f64, s.value)))
            .filter(|(_, v)| v.is_finite() && *v > 0.0)
            .collect();
        if line.is_empty() {
            continue;
        }
        let color = Palette99::pick(i).to_rgba();
        let width = if mech.is(transport::RING) { 3 } else { 1 };
        chart
            .draw_series(LineSeries::new(line.clone(), color.stroke_width(width)))?
            .label(mech.name)
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], color));
        chart.draw_series(line.into_iter().map(|p| Circle::new(p, 3, color.filled())))?;
    }
    if !floor.is_empty() {
        chart
            .draw_series(LineSeries::new(floor, BLACK.stroke_width(2)))?
            .label(texts.floor.as_str())
            .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], BLACK.stroke_width(2)));
    }
    chart
        .configure_series_labels()
        .position(legend)
        .background_style(WHITE.mix(0.8))
        .border_style(BLACK)
        .draw()?;
    Ok(())
}

/// A label of the size axis, which runs over message sizes: positive whole numbers of
/// bytes, so the cast loses nothing.
#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
fn size_label(x: &f64) -> String {
    human(*x as usize)
}
