//! Background print jobs of the 二维码 screen: a city's A4 card sheets, a zip of code images or a stack of posters
//! can take seconds to minutes, so the command only picks the file (the save dialog) and starts the job; the window
//! polls [`print_job_status`] for the progress bar and may [`cancel_print_job`]. A job writes to a hidden temporary
//! file beside the chosen one and renames it only when complete, so a cancelled or failed job leaves no half PDF
//! that a clerk could send to the printer.
//!
//! Which deputies or platforms: exactly those the list filters select (the same filter types the 代表名册 and 联络站
//! lists use, resolved by the core), so "what I see is what I print".

use std::collections::HashMap;
use std::io::BufWriter;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex};

use liaison_core::ErrorCode;
use liaison_core::roster::listing::{self, DeputyListFilter, PlatformListFilter};
use liaison_print::Ec;
use liaison_print::batch::{self, BatchProgress};
use liaison_print::payload::Templates;
use liaison_print::poster::posters_pdf;
use liaison_print::sheet::{SheetOptions, SheetOrder, sheet_pdf};
use serde::{Deserialize, Serialize};
use tauri::State;

use super::qr::{OfficeSigning, cards_of, fonts, office_signer, pdf_failure, posters_of};
use super::roster_files::FileServices;
use super::{lock, require_session};
use crate::ipc::{IpcError, IpcResult};
use crate::{SessionState, StoreState};

/// What to print.
#[derive(Debug, Clone, Deserialize, specta::Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PrintRequest {
    /// The deputies' cards on A4 sheets (2 × 5, crop marks, grouped by station); `back` adds the 履职承诺 backs.
    CardSheet {
        /// Which deputies (the 代表名册 filter).
        filter: DeputyListFilter,
        /// Print the backs too (for duplex printing).
        back: bool,
    },
    /// A zip of each deputy's code as a 300-dpi PNG and an SVG.
    DeputyImages {
        /// Which deputies.
        filter: DeputyListFilter,
    },
    /// One A4 poster per platform.
    Posters {
        /// Which platforms (the 联络站 filter).
        filter: PlatformListFilter,
    },
}

/// Where a job is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum PrintJobState {
    /// Still working.
    Running,
    /// Written to `path`.
    Done,
    /// Stopped by the clerk; nothing was written.
    Cancelled,
    /// Stopped by an error (`error` says which, in Chinese); nothing was written.
    Failed,
}

/// A job as the progress bar shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct PrintJobStatus {
    /// Where it is.
    pub state: PrintJobState,
    /// Cards, codes or posters done.
    pub done: u32,
    /// How many in all.
    pub total: u32,
    /// The file chosen in the save dialog.
    pub path: String,
    /// Why it failed.
    pub error: Option<String>,
}

/// A job that was started: its id for polling, and how many items it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct PrintJobStarted {
    /// Ask [`print_job_status`] with this.
    pub id: u32,
    /// Cards, codes or posters to make.
    pub total: u32,
    /// The file it will write.
    pub path: String,
}

/// One job's shared state: the worker thread writes it, the status command reads it.
struct Job {
    done: AtomicU32,
    total: u32,
    cancel: AtomicBool,
    path: PathBuf,
    outcome: Mutex<Option<Result<(), String>>>,
}

/// Every job of this run of the app (managed state). Jobs are few and small, so finished ones are kept until
/// the app closes: the window can still ask how a job ended after a reload.
#[derive(Default)]
pub struct PrintJobs {
    next: AtomicU32,
    jobs: Mutex<HashMap<u32, Arc<Job>>>,
}

impl PrintJobs {
    fn get(&self, id: u32) -> IpcResult<Arc<Job>> {
        lock(&self.jobs)?.get(&id).cloned().ok_or_else(|| IpcError::new(ErrorCode::NotFound, "没有这个打印任务"))
    }
}

/// The codes a request selects, and the file name the save dialog suggests.
fn selected(store: &StoreState, request: &PrintRequest) -> IpcResult<(Vec<String>, String)> {
    let store = lock(store)?;
    let conn = store.conn();
    let (codes, name) = match request {
        PrintRequest::CardSheet { filter, .. } => {
            let codes = listing::deputy_codes(conn, filter)?;
            let name = format!("代表联系卡（A4，{} 人）.pdf", codes.len());
            (codes, name)
        }
        PrintRequest::DeputyImages { filter } => {
            let codes = listing::deputy_codes(conn, filter)?;
            let name = format!("代表二维码（{} 人）.zip", codes.len());
            (codes, name)
        }
        PrintRequest::Posters { filter } => {
            let codes: Vec<String> = listing::platform_list(conn, filter)?.into_iter().map(|p| p.code).collect();
            let name = format!("联络站点海报（{} 个）.pdf", codes.len());
            (codes, name)
        }
    };
    if codes.is_empty() {
        return Err(IpcError::new(ErrorCode::Invalid, "筛选结果为空，没有可打印的内容"));
    }
    Ok((codes, name))
}

/// Starts printing what `request` selects: asks where to save (the save dialog), then works in the background.
/// `null` when the dialog is cancelled.
#[tauri::command]
#[specta::specta]
pub async fn start_print_job(
    files: State<'_, Arc<FileServices>>,
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
    jobs: State<'_, Arc<PrintJobs>>,
    request: PrintRequest,
) -> IpcResult<Option<PrintJobStarted>> {
    require_session(&session)?;
    let (codes, name) = selected(&store, &request)?;
    let files = Arc::clone(&files);
    let Some(path) = super::blocking(move || Ok((files.save_file)(&name))).await? else { return Ok(None) };
    let total = u32::try_from(codes.len()).unwrap_or(u32::MAX);
    let job = Arc::new(Job {
        done: AtomicU32::new(0),
        total,
        cancel: AtomicBool::new(false),
        path: path.clone(),
        outcome: Mutex::new(None),
    });
    let id = jobs.next.fetch_add(1, Ordering::Relaxed) + 1;
    lock(&jobs.jobs)?.insert(id, Arc::clone(&job));
    let store = Arc::clone(&store);
    std::thread::Builder::new()
        .name(format!("print-job-{id}"))
        .spawn(move || {
            let result = run(&store, &request, codes, &job).map_err(|e| e.message);
            if let Err(reason) = &result {
                log::warn!("print job {id} ended without a file: {reason}");
            }
            if let Ok(mut outcome) = job.outcome.lock() {
                *outcome = Some(result);
            }
        })
        .map_err(IpcError::internal)?;
    Ok(Some(PrintJobStarted { id, total, path: path.display().to_string() }))
}

/// How job `id` is doing.
#[tauri::command]
#[specta::specta]
pub async fn print_job_status(jobs: State<'_, Arc<PrintJobs>>, id: u32) -> IpcResult<PrintJobStatus> {
    let job = jobs.get(id)?;
    let outcome = lock(&job.outcome)?.clone();
    let (state, error) = match outcome {
        None => (PrintJobState::Running, None),
        Some(Ok(())) => (PrintJobState::Done, None),
        Some(Err(_)) if job.cancel.load(Ordering::Relaxed) => (PrintJobState::Cancelled, None),
        Some(Err(reason)) => (PrintJobState::Failed, Some(reason)),
    };
    Ok(PrintJobStatus {
        state,
        done: job.done.load(Ordering::Relaxed),
        total: job.total,
        path: job.path.display().to_string(),
        error,
    })
}

/// Asks job `id` to stop; it stops within a page or a chunk of codes and writes nothing.
#[tauri::command]
#[specta::specta]
pub async fn cancel_print_job(jobs: State<'_, Arc<PrintJobs>>, id: u32) -> IpcResult<()> {
    jobs.get(id)?.cancel.store(true, Ordering::Relaxed);
    Ok(())
}

/// Opens the finished file of job `id` with the system's viewer (to print it). Only a file this app wrote can be
/// opened: the window names a job, never a path.
#[tauri::command]
#[specta::specta]
pub async fn open_print_job_file(jobs: State<'_, Arc<PrintJobs>>, id: u32) -> IpcResult<()> {
    let job = jobs.get(id)?;
    if !matches!(*lock(&job.outcome)?, Some(Ok(()))) {
        return Err(IpcError::new(ErrorCode::Invalid, "文件尚未生成"));
    }
    open::that_detached(&job.path)
        .map_err(|e| IpcError::new(ErrorCode::Storage, format!("无法用系统程序打开 {}：{e}", job.path.display())))
}

/// The job's work, on its own thread: select, render, write to a temporary file, rename.
fn run(store: &StoreState, request: &PrintRequest, codes: Vec<String>, job: &Job) -> IpcResult<()> {
    let cancelled = || IpcError::new(ErrorCode::Invalid, "已取消");
    let temp = temporary_beside(&job.path);
    let written = match request {
        PrintRequest::CardSheet { back, .. } => {
            let (cards, mut fonts) = {
                let store = lock(store)?;
                (cards_of(&store, codes)?, fonts(&store)?)
            };
            let opts = SheetOptions { order: SheetOrder::ByStation, ec: Ec::M, title: None, back: *back };
            let mut progress = |done: usize, _total: usize| {
                job.done.store(u32::try_from(done).unwrap_or(u32::MAX), Ordering::Relaxed);
                !job.cancel.load(Ordering::Relaxed)
            };
            match sheet_pdf(&cards, &mut fonts, &opts, &mut progress) {
                Ok(pdf) => std::fs::write(&temp, pdf).map_err(|e| write_failure(&temp, &e)),
                Err(liaison_print::pdf::PrintError::Cancelled) => Err(cancelled()),
                Err(e) => Err(pdf_failure(e)),
            }
        }
        PrintRequest::DeputyImages { .. } => {
            let items = {
                let store = lock(store)?;
                let signer = office_signer(&store)?;
                let templates = Templates::load(store.conn())?;
                let signer = signer.as_ref().map(OfficeSigning::as_signer);
                batch::items(store.conn(), &templates, &batch::Selection::Deputies(codes), None, signer.as_ref())?
            };
            let file = std::fs::File::create(&temp).map_err(|e| write_failure(&temp, &e))?;
            let mut report = |p: BatchProgress| job.done.store(p.done, Ordering::Relaxed);
            let mut watch = batch::Watch::new(&mut report, &job.cancel);
            batch::write_zip(BufWriter::new(file), &items, &batch::Options::default(), &mut watch)
                .map(drop)
                .map_err(|e| if job.cancel.load(Ordering::Relaxed) { cancelled() } else { e.into() })
        }
        PrintRequest::Posters { .. } => {
            let (posters, mut fonts) = {
                let store = lock(store)?;
                (posters_of(&store, codes)?, fonts(&store)?)
            };
            if job.cancel.load(Ordering::Relaxed) {
                return Err(cancelled());
            }
            let pdf = posters_pdf(&posters, &mut fonts, Ec::Q).map_err(pdf_failure)?;
            job.done.store(job.total, Ordering::Relaxed);
            std::fs::write(&temp, pdf).map_err(|e| write_failure(&temp, &e))
        }
    };
    match written {
        Ok(()) => std::fs::rename(&temp, &job.path).map_err(|e| write_failure(&job.path, &e)),
        Err(e) => {
            // Nothing half-written stays behind; a missing temporary file (failed before writing) is fine.
            let _ = std::fs::remove_file(&temp);
            Err(e)
        }
    }
}

/// `.名称.pdf.part` beside `path`: hidden on Linux, and never mistaken for the finished file.
fn temporary_beside(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    path.with_file_name(format!(".{name}.part"))
}

/// Writes `bytes` to `path` through a temporary file beside it, renamed when complete: a failure leaves no half
/// file under the name the operator chose.
pub(super) fn write_whole(path: &Path, bytes: &[u8]) -> IpcResult<()> {
    let temp = temporary_beside(path);
    let written = std::fs::write(&temp, bytes).and_then(|()| std::fs::rename(&temp, path));
    written.map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        write_failure(path, &e)
    })
}

fn write_failure(path: &Path, e: &std::io::Error) -> IpcError {
    IpcError::new(ErrorCode::Storage, format!("无法写入 {}：{e}", path.display()))
}
