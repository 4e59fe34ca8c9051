//! Command-line arguments (clap derive).

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

/// 联络站工作台 Liaison Desk — command line.
#[derive(Debug, Parser)]
#[command(name = "liaison", version, about = "联络站工作台 Liaison Desk: roster, import/export, search, statistics")]
pub struct Cli {
    /// Database file (default: $LIAISON_DB, else the app-data folder).
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Print one JSON document instead of a human-readable report.
    #[arg(long, global = true)]
    pub json: bool,
    /// Operator name recorded in the change log (default: $USER, else "cli").
    #[arg(long, global = true, value_name = "NAME")]
    pub operator: Option<String>,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create (or upgrade) the database and print where it is.
    Init,
    /// Fill the database with a realistic synthetic city.
    Demo {
        /// Random seed: the same seed gives the same city.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Multiply the city (10 gives a province-sized data set for benchmarks).
        #[arg(long, default_value_t = 1)]
        scale: u32,
        /// Roster only: no handling units, visits, matters or events.
        #[arg(long)]
        no_visits: bool,
    },
    /// Roster import, export and templates.
    #[command(subcommand)]
    Roster(RosterCommand),
    /// Find deputies and platforms by name, pinyin, initials, code or phone tail.
    Search(SearchArgs),
    /// Roster numbers: deputies by level and county, platforms by kind, stars, 编组进站 coverage.
    Stats,
    /// Operators who sign in to the desktop app (passwords come from environment variables or stdin, never argv).
    #[command(subcommand)]
    Operator(OperatorCommand),
    /// This installation's setup: station or office mode, the station, the idle lock.
    #[command(subcommand)]
    Setup(SetupCommand),
    /// The official working-day calendar: holidays, make-up working days (调休), deadline arithmetic.
    #[command(subcommand)]
    Calendar(CalendarCommand),
    /// Citizen visits (接待登记): register a visit with its matters.
    #[command(subcommand)]
    Visit(VisitCommand),
    /// Matters (事项) under the first-responder rule: list, show, and every act of their workflow.
    #[command(subcommand)]
    Matter(MatterCommand),
    /// Attachments of matters (附件): attach a file, list, save a copy, remove.
    #[command(subcommand)]
    Attachment(AttachmentCommand),
    /// Ledgers (台账) to XLSX: 接待群众登记台账, 意见建议办理台账; personal data masked.
    #[command(subcommand)]
    Ledger(LedgerCommand),
    /// Handling units (承办单位): departments and township governments that matters are assigned to.
    #[command(subcommand)]
    Unit(UnitCommand),
    /// Duty and activities (进站履职): the rota, activities with attendance, leaders' visits, duty files.
    #[command(subcommand)]
    Duty(DutyCommand),
    /// QR codes: deputy cards, platform posters and A4 sheets of cards (PDF with vector codes, subset fonts).
    #[command(subcommand)]
    Qr(QrCommand),
    /// Dispatch and supervision documents (PDF): a unit's 交办单, the 催办/督办 notices of overdue matters.
    #[command(subcommand)]
    Dispatch(DispatchCommand),
    /// The period report (工作情况报告): headline numbers, charts, unit ranking, overdue and publication lists, as
    /// PDF or XLSX (by the extension of --out); no personal data.
    Report(ReportArgs),
    /// Sync with the office or the stations through signed, encrypted bundle files (.lzb): enroll, export, import,
    /// the office's inbox, status.
    #[command(subcommand)]
    Sync(SyncCommand),
    /// The audit log, newest first: reveals of personal data, setup changes, operator management.
    Audit {
        /// Only this action (e.g. `reveal`).
        #[arg(long)]
        action: Option<String>,
        /// At most this many records.
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
    /// Measure search latency, import throughput, the 工作台 queues or the QR codes and sheets.
    Bench {
        /// What to measure.
        #[arg(value_enum)]
        what: BenchTarget,
        /// Size of the synthetic data set (search defaults to 10 = province).
        #[arg(long)]
        scale: Option<u32>,
        /// How many search queries to time.
        #[arg(long, default_value_t = 2000)]
        queries: usize,
        /// queues: timed runs of each city-wide figure (each station figure runs five times as many). The
        /// city-year is kept at `--db PATH` (default: bench-data/ beside this binary). qr: the best of this many
        /// runs, at most 3.
        #[arg(long, default_value_t = 7)]
        runs: usize,
    },
}

/// Roster subcommands.
#[derive(Debug, Subcommand)]
pub enum RosterCommand {
    /// Read an XLSX/XLS/CSV roster and print the preview; `--commit` writes the accepted rows.
    Import {
        /// The file.
        file: PathBuf,
        /// Write the accepted rows (all in one transaction).
        #[arg(long)]
        commit: bool,
    },
    /// Write the roster (personal data masked) to an XLSX file (or CSV when the name ends in .csv).
    Export {
        /// Output file.
        #[arg(long)]
        out: PathBuf,
        /// Which roster.
        #[arg(long, value_enum, default_value_t = ExportKind::All)]
        kind: ExportKind,
    },
    /// Write the import templates (代表名册模板.xlsx, 联络站名册模板.xlsx) into a folder.
    Template {
        /// Output folder.
        #[arg(long)]
        out: PathBuf,
    },
    /// Set a deputy's photo from a JPG/PNG file (cropped to 3:4 and resized to 300 × 400).
    Photo {
        /// Deputy number.
        code: String,
        /// The image file.
        file: PathBuf,
    },
    /// Show a deputy's private phone and ID number (audited).
    Reveal {
        /// Deputy number.
        code: String,
        /// Why (recorded in the audit log).
        #[arg(long)]
        reason: String,
        /// The operator revealing it (a role allowed to see personal data).
        #[command(flatten)]
        auth: AuthArgs,
    },
}

/// Operator subcommands.
#[derive(Debug, Subcommand)]
pub enum OperatorCommand {
    /// Add an operator. Their password is read from $LIAISON_PASSWORD, else from a line on stdin. The very first
    /// operator needs no sign-in and must be an admin; later ones need `--as` an administrator.
    Add {
        /// Login (case-insensitive).
        #[arg(long)]
        login: String,
        /// The name shown to people, e.g. 王芳.
        #[arg(long)]
        name: String,
        /// Role.
        #[arg(long, value_enum)]
        role: RoleArg,
        /// Who signs in to do it.
        #[command(flatten)]
        auth: AuthArgs,
    },
    /// List the operators (never their password hashes).
    List,
}

/// Signing in as an administrator for a command that needs one.
#[derive(Debug, Args)]
pub struct AuthArgs {
    /// Sign in as this operator (an administrator, or for `roster reveal` a role allowed to see personal data);
    /// the password is read from $LIAISON_AS_PASSWORD, else from the first line on
    /// stdin (before the new operator's password when both come from stdin).
    #[arg(long = "as", value_name = "LOGIN")]
    pub as_login: Option<String>,
}

/// An operator's role on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RoleArg {
    /// 联络员
    Clerk,
    /// 站长
    StationHead,
    /// 机关工作人员
    OfficeStaff,
    /// 管理员
    Admin,
}

impl From<RoleArg> for liaison_core::operators::Role {
    fn from(r: RoleArg) -> Self {
        use liaison_core::operators::Role;
        match r {
            RoleArg::Clerk => Role::Clerk,
            RoleArg::StationHead => Role::StationHead,
            RoleArg::OfficeStaff => Role::OfficeStaff,
            RoleArg::Admin => Role::Admin,
        }
    }
}

/// Setup subcommands. Saving needs `--as` an administrator once any operator exists.
#[derive(Debug, Subcommand)]
pub enum SetupCommand {
    /// Print the setup (or that the first run is not done).
    Show,
    /// Run as a liaison station's installation.
    Station {
        /// The station's code in the roster (may be imported later).
        #[arg(long)]
        code: Option<String>,
        /// The station's name (taken from the roster when omitted and the code is known).
        #[arg(long)]
        name: Option<String>,
        /// Options shared with `office`.
        #[command(flatten)]
        common: SetupArgs,
    },
    /// Run as the city office's installation.
    Office {
        /// Options shared with `station`.
        #[command(flatten)]
        common: SetupArgs,
    },
}

/// Options of both setup modes; an option left out keeps its saved value.
#[derive(Debug, Args)]
pub struct SetupArgs {
    /// The city, e.g. 平顶山市.
    #[arg(long)]
    pub city: Option<String>,
    /// Minutes without input before the desktop window locks (1–240; default 10).
    #[arg(long, value_name = "MINUTES")]
    pub idle_lock_minutes: Option<u32>,
    /// Who signs in to do it.
    #[command(flatten)]
    pub auth: AuthArgs,
}

/// Calendar subcommands.
#[derive(Debug, Subcommand)]
pub enum CalendarCommand {
    /// The year's holidays and make-up working days, and which years have an official calendar.
    Show {
        /// The year (default: this year).
        #[arg(long)]
        year: Option<i32>,
    },
    /// Import one year's official calendar (holiday-cn JSON, as the office sends it), replacing that year's days.
    Import {
        /// The JSON file.
        file: PathBuf,
    },
    /// Set one day by hand (lasts until its year is imported again).
    Set {
        /// The date, YYYY-MM-DD.
        #[arg(value_parser = parse_date)]
        date: NaiveDate,
        /// What the day becomes.
        #[command(flatten)]
        kind: DayKindArgs,
        /// The holiday's name (default: 手动调整).
        #[arg(long, value_name = "名称")]
        name: Option<String>,
    },
    /// Print the date N working days after DATE (DATE itself is day 0 when it is a working day).
    Add {
        /// The start date, YYYY-MM-DD.
        #[arg(value_parser = parse_date)]
        date: NaiveDate,
        /// How many working days.
        n: u32,
    },
}

/// Exactly one of `--off`, `--work`, `--default`.
#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
pub struct DayKindArgs {
    /// A rest day (public holiday).
    #[arg(long)]
    pub off: bool,
    /// A make-up working day on a weekend (调休上班).
    #[arg(long)]
    pub work: bool,
    /// Back to the default: Monday to Friday work, Saturday and Sunday rest.
    #[arg(long)]
    pub default: bool,
}

impl DayKindArgs {
    /// `Some(true)` rest, `Some(false)` work, `None` the default rule.
    pub fn off(&self) -> Option<bool> {
        if self.default { None } else { Some(self.off) }
    }
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| format!("日期“{s}”无法识别，应为 YYYY-MM-DD"))
}

/// `liaison qr …` subcommands.
#[derive(Debug, Subcommand)]
pub enum QrCommand {
    /// Deputy cards (CR80, 85.6 × 54 mm, one page each; `--back` adds the pledge after each front) as PDF.
    Cards(QrCardsArgs),
    /// Platform posters (A4, the code large, 扫码反映意见建议) as PDF.
    Posters(QrPostersArgs),
    /// A4 sheets of deputy cards, 2 × 5 a page with crop marks, as one PDF.
    Sheet(QrSheetArgs),
    /// Tell a genuine signed code from a forged one, offline: prints 真实 / 伪造 / 未签名 / 非本市 (exit 0 only when
    /// genuine).
    Verify {
        /// The text a scanner read from the code (quote it: it contains `?` and `&`).
        text: String,
        /// The office's public key file (office.pub; default: the key in this installation's settings).
        #[arg(long, value_name = "FILE")]
        public_key: Option<PathBuf>,
    },
    /// Make the office's signing key pair: DIR/office.key (private, mode 0600) and DIR/office.pub, and record the
    /// public key in this installation's settings. Never overwrites an existing key.
    Keygen {
        /// The directory for office.key and office.pub.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Who signs in to record the public key (an administrator once operators exist).
        #[command(flatten)]
        auth: AuthArgs,
    },
    /// What the codes carry: the URL templates of the city's online channel.
    #[command(subcommand)]
    Url(QrUrlCommand),
    /// A zip of one PNG (300 dpi) and one SVG per deputy and per platform, named like D000001-张明新.png.
    Codes(QrCodesArgs),
}

/// `liaison qr url …`.
#[derive(Debug, Subcommand)]
pub enum QrUrlCommand {
    /// Print the templates (and whether they are still the example ones).
    Show,
    /// Set the templates, e.g. `--deputy 'https://rd.pds.gov.cn/d/{deputy_code}' --station
    /// 'https://rd.pds.gov.cn/s/{station_code}'` (either may be left out).
    Set {
        /// The deputies' URL, with exactly one {deputy_code}.
        #[arg(long, value_name = "TEMPLATE")]
        deputy: Option<String>,
        /// The platforms' URL, with exactly one {station_code}.
        #[arg(long, value_name = "TEMPLATE")]
        station: Option<String>,
        /// Who signs in (an administrator once operators exist).
        #[command(flatten)]
        auth: AuthArgs,
    },
}

/// `liaison qr codes`: which codes, how signed, where to.
#[derive(Debug, Args)]
pub struct QrCodesArgs {
    /// One platform and the serving deputies grouped at it.
    #[arg(long, value_name = "CODE", conflicts_with_all = ["all", "deputies"])]
    pub station: Option<String>,
    /// Every open platform and every serving deputy.
    #[arg(long, conflicts_with = "deputies")]
    pub all: bool,
    /// These deputies (repeatable).
    #[arg(long = "deputy", value_name = "CODE")]
    pub deputies: Vec<String>,
    /// At most this many codes.
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// The office signature.
    #[command(flatten)]
    pub sign: QrSignArgs,
    /// Error correction Q (25 %) instead of M (15 %).
    #[arg(long)]
    pub ec_q: bool,
    /// PNG pixels per module (at 300 dpi; 10 ≈ 0.85 mm).
    #[arg(long, value_name = "PX", default_value_t = 10)]
    pub module_px: u32,
    /// The .zip to write (replaced if it exists, only once the batch is complete).
    #[arg(long)]
    pub out: PathBuf,
}

/// The office's signature on every code of a job (`qr codes|cards|posters|sheet`).
#[derive(Debug, Args)]
pub struct QrSignArgs {
    /// Sign every code with this office private key (office.key).
    #[arg(long, value_name = "FILE")]
    pub sign_key: Option<PathBuf>,
    /// The signature version printed on signed codes.
    #[arg(long, value_name = "N", default_value_t = 1, requires = "sign_key")]
    pub sign_version: u32,
}

/// Which deputies get cards.
#[derive(Debug, Args)]
pub struct QrDeputiesArgs {
    /// This deputy (repeatable).
    #[arg(long = "deputy", value_name = "CODE")]
    pub deputies: Vec<String>,
    /// The serving deputies grouped at this station (repeatable).
    #[arg(long = "station", value_name = "CODE")]
    pub stations: Vec<String>,
    /// Every serving deputy of the roster.
    #[arg(long)]
    pub all: bool,
    /// At most this many cards.
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// The province, for provincial deputies' lines (e.g. 河南省; default: the one the roster's division codes name).
    #[arg(long)]
    pub province: Option<String>,
}

/// The fonts a PDF is drawn with.
#[derive(Debug, Clone, Default, Args)]
pub struct FontArgs {
    /// A CJK font file to use instead of the system's (TTF/OTF/TTC).
    #[arg(long, value_name = "FILE")]
    pub font: Option<PathBuf>,
    /// A font file to try for rare characters the main font lacks (repeatable).
    #[arg(long = "fallback-font", value_name = "FILE")]
    pub fallback_fonts: Vec<PathBuf>,
}

/// The PDF and its fonts.
#[derive(Debug, Args)]
pub struct QrPdfArgs {
    /// The .pdf file to write (replaced if it exists); with --png, the .zip.
    #[arg(long)]
    pub out: PathBuf,
    /// The fonts.
    #[command(flatten)]
    pub fonts: FontArgs,
    /// Error correction Q (25 %) instead of M (15 %): for cards that get worn and posters outdoors.
    #[arg(long)]
    pub ec_q: bool,
}

/// `liaison qr cards`.
#[derive(Debug, Args)]
pub struct QrCardsArgs {
    /// Which deputies.
    #[command(flatten)]
    pub select: QrDeputiesArgs,
    /// The PDF.
    #[command(flatten)]
    pub pdf: QrPdfArgs,
    /// The office signature on every code.
    #[command(flatten)]
    pub sign: QrSignArgs,
    /// Instead of the PDF, a zip of one 300-dpi PNG and one SVG per code (named like D000001-张明新.png) at --out.
    #[arg(long)]
    pub png: bool,
    /// The backs.
    #[command(flatten)]
    pub back: QrBackArgs,
}

/// The cards' backs (履职承诺), for `qr cards` and `qr sheet`.
#[derive(Debug, Args)]
pub struct QrBackArgs {
    /// Print the backs (履职承诺): after each card (cards), or after each A4 page, mirrored for long-edge duplex
    /// (sheet).
    #[arg(long)]
    pub back: bool,
    /// The pledge text on the backs (default: the standard pledge).
    #[arg(long, requires = "back")]
    pub pledge: Option<String>,
}

/// `liaison qr posters`.
#[derive(Debug, Args)]
pub struct QrPostersArgs {
    /// This platform (repeatable).
    #[arg(long = "station", value_name = "CODE")]
    pub stations: Vec<String>,
    /// Every open platform.
    #[arg(long)]
    pub all: bool,
    /// At most this many posters.
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// The PDF.
    #[command(flatten)]
    pub pdf: QrPdfArgs,
    /// The office signature on every code.
    #[command(flatten)]
    pub sign: QrSignArgs,
    /// Instead of the PDF, a zip of one 300-dpi PNG and one SVG per code (named like D000001-张明新.png) at --out.
    #[arg(long)]
    pub png: bool,
}

/// `liaison qr sheet`.
#[derive(Debug, Args)]
pub struct QrSheetArgs {
    /// Which deputies.
    #[command(flatten)]
    pub select: QrDeputiesArgs,
    /// The PDF.
    #[command(flatten)]
    pub pdf: QrPdfArgs,
    /// The office signature on every code.
    #[command(flatten)]
    pub sign: QrSignArgs,
    /// Group the cards by station, each station from a new page with its name on top (default: roster order).
    #[arg(long)]
    pub by_station: bool,
    /// The backs.
    #[command(flatten)]
    pub back: QrBackArgs,
}

/// Ledger subcommands.
#[derive(Debug, Subcommand)]
pub enum LedgerCommand {
    /// 接待群众登记台账: one row per visit (citizens' names and phones masked).
    Visits(LedgerArgs),
    /// 意见建议办理台账: one row per matter, with route, units, deadlines, on-time flag, rating and state as of now.
    Matters(LedgerArgs),
    /// 代表进站履职台账: one row per deputy per duty session (up to today) and per held activity.
    Duty(LedgerArgs),
    /// 意见建议办理结果公开清单: the published matters' texts, units and dates; no personal data at all.
    Public(LedgerArgs),
}

/// Which visits and matters a ledger lists, and where it goes.
#[derive(Debug, Args)]
pub struct LedgerArgs {
    /// Only this station (default: every station).
    #[arg(long, value_name = "CODE")]
    pub station: Option<String>,
    /// 2026, 2026-Q3, 2026-07 or 2026-07-01..2026-09-30 (default: this year), by the day the citizen came.
    #[arg(long)]
    pub period: Option<String>,
    /// The .xlsx file to write (replaced if it exists).
    #[arg(long)]
    pub out: PathBuf,
}

/// Which roster to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportKind {
    /// Deputies and platforms (two sheets).
    All,
    /// Deputies.
    Deputies,
    /// Platforms.
    Platforms,
}

/// What to benchmark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BenchTarget {
    /// Search latency p50/p95 against a plain FTS5 query.
    Search,
    /// XLSX import of the city's deputies.
    Import,
    /// The 工作台 queues, the matter list and the matters ledger on a city-year (≈80,000 matters).
    Queues,
    /// The office's chart data (统计) on the city-year: matters by month/category/county/station, rate trends, the
    /// overdue list, the unit ranking, station activity, star stations, leaders' coverage, 编组进站, attendance,
    /// first responders (also one station's view), the whole screen (target: each chart ≤ 200 ms).
    Dashboard,
    /// QR codes, 9,000 (the city's deputies): encoding alone, the PNG + SVG zip, every card on A4 sheets as one PDF,
    /// unsigned and signed.
    Qr,
    /// Sync bundles on the demo city: the roster down to a new station, a station's year of work up (and imported
    /// again), the office's full return to a station's new PC — export and import time, size.
    Sync,
    /// The office imports the demo city's year as one bundle per platform (273; target ≤ 10 s) against the sqlite3
    /// `.import` floor, then one station's weekly round (target ≤ 100 ms). The bundles are prepared once and kept.
    SyncCity,
}

/// Search options.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// What to look for: 张明新, 明新, zhangmingxin, zmx, "zhang mx", a code, phone tail digits.
    pub query: String,
    /// Only deputies of this level.
    #[arg(long, value_enum)]
    pub level: Option<LevelArg>,
    /// Only deputies of this station (code).
    #[arg(long, value_name = "CODE")]
    pub station: Option<String>,
    /// Only records in this region or below (code).
    #[arg(long, value_name = "CODE")]
    pub region: Option<String>,
    /// Only leading-cadre deputies.
    #[arg(long)]
    pub leading_cadre: bool,
    /// Only entrepreneur deputies.
    #[arg(long)]
    pub entrepreneur: bool,
    /// Include ended deputies and closed platforms.
    #[arg(long)]
    pub all: bool,
    /// At most this many results.
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
}

/// A congress level on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LevelArg {
    /// 全国
    National,
    /// 省
    Province,
    /// 市
    City,
    /// 县
    County,
    /// 乡
    Township,
}

impl From<LevelArg> for liaison_core::roster::kinds::Level {
    fn from(l: LevelArg) -> Self {
        use liaison_core::roster::kinds::Level;
        match l {
            LevelArg::National => Level::National,
            LevelArg::Province => Level::Province,
            LevelArg::City => Level::City,
            LevelArg::County => Level::County,
            LevelArg::Township => Level::Township,
        }
    }
}

/// Visit subcommands.
#[derive(Debug, Subcommand)]
pub enum VisitCommand {
    /// Register a visit and its matters, from options or from a JSON file (the fields of the core's `VisitInput`).
    Add(VisitAddArgs),
}

/// A visit on the command line: one citizen (or anonymous), one or more matters with one first responder.
#[derive(Debug, Args)]
pub struct VisitAddArgs {
    /// A JSON file holding the whole visit; the other options are then not allowed.
    #[arg(long, conflicts_with_all = ["station", "matters", "citizen", "first_responder"])]
    pub file: Option<PathBuf>,
    /// The station's code.
    #[arg(long, value_name = "CODE")]
    pub station: Option<String>,
    /// 来访 / 来电 / 来信 / 扫码 / 代表走访 / 网上.
    #[arg(long, default_value = "来访")]
    pub channel: String,
    /// When the citizen came, RFC 3339 (e.g. 2026-03-02T09:30:00+08:00); default now.
    #[arg(long, value_name = "TIME")]
    pub received_at: Option<String>,
    /// A receiving deputy's code (repeatable).
    #[arg(long = "deputy", value_name = "CODE")]
    pub deputies: Vec<String>,
    /// The clerk who recorded it (default: the operator).
    #[arg(long, default_value = "")]
    pub clerk: String,
    /// The citizen's name; leave out for an anonymous citizen.
    #[arg(long)]
    pub citizen: Option<String>,
    /// The citizen's phone.
    #[arg(long, default_value = "")]
    pub phone: String,
    /// The citizen's address.
    #[arg(long, default_value = "")]
    pub address: String,
    /// The citizen's ID number (optional, sensitive).
    #[arg(long, default_value = "")]
    pub id_number: String,
    /// How many people came (group visits).
    #[arg(long)]
    pub head_count: Option<u32>,
    /// A matter as "标题|详情|类别" or "标题|详情|类别|地点" (repeatable).
    #[arg(long = "matter", value_name = "标题|详情|类别[|地点]")]
    pub matters: Vec<String>,
    /// 首问责任人 of every matter of this visit.
    #[arg(long, default_value = "")]
    pub first_responder: String,
}

/// Matter subcommands.
#[derive(Debug, Subcommand)]
pub enum MatterCommand {
    /// The matters, newest first, with state, due date and escalation as of now.
    List {
        /// Only this state (e.g. `handling` or 办理中).
        #[arg(long)]
        state: Option<String>,
        /// Only this station's matters.
        #[arg(long, value_name = "CODE")]
        station: Option<String>,
        /// Only overdue matters.
        #[arg(long)]
        overdue: bool,
        /// Only one 工作台 queue's matters: awaiting_route, to_assign, due_soon, overdue, awaiting_feedback,
        /// awaiting_rating, look_back_due (or the card's Chinese label).
        #[arg(long, value_name = "QUEUE")]
        queue: Option<String>,
        /// Only matters whose highest escalation level reached is this code (station_head, county, city).
        #[arg(long, value_name = "CODE")]
        escalation: Option<String>,
        /// Only matters of stations in this county-level region (its division code) or below.
        #[arg(long, value_name = "REGION")]
        county: Option<String>,
        /// Only this category (e.g. 城乡建设).
        #[arg(long)]
        category: Option<String>,
        /// Only matters this handling unit holds now, as lead or co-handler (the unit's code).
        #[arg(long, value_name = "CODE")]
        unit: Option<String>,
        /// Only matters this deputy received or first responded to (the deputy's number).
        #[arg(long, value_name = "NUMBER")]
        deputy: Option<String>,
    },
    /// 汇总梳理: groups of similar matters not yet assigned (待研判, 待交办) across stations — same category, same
    /// place, similar text — each with the reason it is a group.
    Similar {
        /// Only stations in this county-level region (its division code) or below.
        #[arg(long, value_name = "REGION")]
        county: Option<String>,
        /// Only this category.
        #[arg(long)]
        category: Option<String>,
    },
    /// 并案: merge matters not yet assigned into one lead matter, all at once or none; every citizen stays on
    /// their own matter, which shows the lead's reply for its station's feedback.
    Merge {
        /// The lead matter's code or id (it carries the handling).
        lead: String,
        /// The matters to merge into it.
        #[arg(required = true)]
        others: Vec<String>,
    },
    /// One matter: timeline, deadlines, every escalation time, buck-passing signals.
    Show {
        /// The matter's code (XH-01-20260302-01) or id.
        id: String,
    },
    /// Record one act of the matter's workflow.
    Act {
        /// The matter's code or id.
        id: String,
        /// The act.
        #[command(subcommand)]
        act: ActCommand,
    },
}

/// Attachment subcommands.
#[derive(Debug, Subcommand)]
pub enum AttachmentCommand {
    /// Attach a file (JPG, PNG, PDF, Word/Excel/WPS, text; at most 20 MB) to a matter.
    Add {
        /// The matter's code or id.
        matter: String,
        /// The file.
        file: PathBuf,
        /// The name to show (default: the file's name).
        #[arg(long)]
        name: Option<String>,
    },
    /// The matter's attachments.
    List {
        /// The matter's code or id.
        matter: String,
    },
    /// Save a copy of an attachment (checked against its hash).
    Save {
        /// The attachment's id.
        id: String,
        /// Where to write it.
        #[arg(long)]
        out: PathBuf,
    },
    /// Remove an attachment from its matter.
    Remove {
        /// The attachment's id.
        id: String,
    },
}

/// The acts of a matter's workflow. Required texts are checked by the core, which names the missing field.
#[derive(Debug, Subcommand)]
pub enum ActCommand {
    /// 研判: answer on the spot, guide elsewhere, merge, convert to a deputy suggestion, or route for assignment.
    Route {
        /// The route.
        #[arg(long, value_enum)]
        to: RouteArg,
        /// The answer given (on-spot).
        #[arg(long, default_value = "")]
        answer: String,
        /// Why it is not accepted (guided).
        #[arg(long, default_value = "")]
        reason: String,
        /// Where the citizen was directed (guided).
        #[arg(long, default_value = "")]
        directed_to: String,
        /// The open matter to merge into (merge).
        #[arg(long, default_value = "")]
        into: String,
        /// A note (suggestion).
        #[arg(long, default_value = "")]
        note: String,
    },
    /// 交办 (or 改派, with --reason): one lead unit, optional co-handlers, optional explicit deadline.
    Assign {
        /// The lead unit's code or name.
        #[arg(long, default_value = "")]
        lead: String,
        /// A co-handling unit (repeatable).
        #[arg(long)]
        co: Vec<String>,
        /// An explicit deadline (YYYY-MM-DD) instead of the rule's.
        #[arg(long, value_parser = parse_date)]
        due: Option<NaiveDate>,
        /// Why it changes hands (required for a reassignment).
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// 签收 by the lead unit.
    Accept {
        /// The unit (default: the lead unit).
        #[arg(long, default_value = "")]
        unit: String,
    },
    /// 退办 by the lead unit, with a written reason.
    Return {
        /// The written reason.
        #[arg(long, default_value = "")]
        reason: String,
        /// The unit (default: the lead unit).
        #[arg(long, default_value = "")]
        unit: String,
    },
    /// 办理中.
    Handle {
        /// What is being done.
        #[arg(long, default_value = "")]
        note: String,
    },
    /// 答复.
    Reply {
        /// The reply.
        #[arg(long, default_value = "")]
        text: String,
        /// The reply says the matter is not the unit's competence.
        #[arg(long)]
        not_competent: bool,
        /// The competent body such a reply must name.
        #[arg(long, default_value = "")]
        competent_body: String,
    },
    /// 延期 (once per matter by default).
    Extend {
        /// Why.
        #[arg(long, default_value = "")]
        reason: String,
        /// Who approved it.
        #[arg(long, default_value = "")]
        approver: String,
        /// How many working days (default: the rule's).
        #[arg(long)]
        days: Option<u32>,
    },
    /// 办结.
    Finish {
        /// The result in a sentence.
        #[arg(long, default_value = "")]
        summary: String,
    },
    /// 反馈: how the citizen was told, or why they cannot be reached.
    Feedback {
        /// How (电话, 上门, 短信...).
        #[arg(long, default_value = "")]
        how: String,
        /// When they were told (YYYY-MM-DD; default today).
        #[arg(long, value_parser = parse_date)]
        on: Option<NaiveDate>,
        /// The receiving deputy was told too.
        #[arg(long)]
        deputy_told: bool,
        /// Why the citizen cannot be reached (instead of --how).
        #[arg(long, default_value = "")]
        unreachable: String,
    },
    /// 满意度: 满意 / 基本满意 / 不满意 (不满意 needs --reason and reopens handling).
    Rate {
        /// The rating.
        #[arg(long)]
        rating: String,
        /// Why (required for 不满意).
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// 回头看.
    Lookback {
        /// Whether the fix held.
        #[arg(long, default_value = "")]
        result: String,
    },
    /// 公开 (the text must carry no personal data).
    Publish {
        /// The published text.
        #[arg(long, default_value = "")]
        summary: String,
    },
    /// 归档 (only after feedback).
    Archive,
}

/// The routes of 研判.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RouteArg {
    /// 当场答复
    OnSpot,
    /// 不予受理·引导
    Guided,
    /// 并案
    Merge,
    /// 转代表建议
    Suggestion,
    /// 交办
    Assign,
}

/// Handling-unit subcommands.
#[derive(Debug, Subcommand)]
pub enum UnitCommand {
    /// Create or update the unit with this code.
    Add {
        /// Code, e.g. ZJJ.
        #[arg(long)]
        code: String,
        /// Name, e.g. 住房和城乡建设局.
        #[arg(long)]
        name: String,
        /// department (部门) or township (乡镇).
        #[arg(long)]
        kind: String,
        /// Contact person and phone.
        #[arg(long, default_value = "")]
        contact: String,
        /// No longer takes new matters.
        #[arg(long)]
        retired: bool,
    },
    /// Every unit.
    List,
    /// Buck-passing (推诿) signals per unit: matters given, 退办 (late, without reason), matters taken away, bare
    /// "not our competence" replies; most signals first.
    Signals {
        /// Only this station's matters.
        #[arg(long, value_name = "CODE")]
        station: Option<String>,
    },
    /// 满意度测评: every unit's figures over a period (received, acknowledged and answered in time, satisfaction,
    /// 不满意, re-handling, 退办, signals), ranked; the bottom three flagged for re-evaluation three months later.
    Ranking {
        /// The period, by assignment date: 2026, 2026-Q3, 2026-07 or 2026-07-01..2026-09-30.
        #[arg(long)]
        period: String,
        /// The evaluation whose flagged units this one re-evaluates (shows their change), e.g. 2026-Q2.
        #[arg(long, value_name = "PERIOD")]
        since: Option<String>,
        /// Also write the ranking as XLSX.
        #[arg(long)]
        out: Option<std::path::PathBuf>,
        /// Record (file) this ranking: its figures are kept and its bottom three scheduled for re-evaluation
        /// three months after the period (audited; recording a period again replaces it).
        #[arg(long)]
        record: bool,
    },
    /// The recorded rankings and their re-evaluation schedule: each flagged unit with its re-evaluation day and,
    /// once the three months after the period are recorded too, its change.
    Evaluations,
}

/// Dispatch subcommands (交办督办).
#[derive(Debug, Subcommand)]
pub enum DispatchCommand {
    /// 交办单: the matters a unit leads or co-handles and has not answered yet, as a PDF to send with the letter.
    Sheet {
        /// The unit's code or name.
        #[arg(long)]
        unit: String,
        /// The .pdf file to write.
        #[arg(long)]
        out: PathBuf,
        /// The fonts.
        #[command(flatten)]
        fonts: FontArgs,
    },
    /// 催办通知/督办通知: one PDF per unit leading overdue matters, copied to the escalation levels they reached.
    Notices {
        /// The folder to write them to (created if missing).
        #[arg(long)]
        out: PathBuf,
        /// The fonts.
        #[command(flatten)]
        fonts: FontArgs,
    },
}

/// `liaison report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The period: 2026, 2026-Q3, 2026-07 or 2026-07-01..2026-09-30.
    #[arg(long)]
    pub period: String,
    /// The file to write: .pdf (with charts) or .xlsx (one sheet per section).
    #[arg(long)]
    pub out: PathBuf,
    /// Also write the workbook here (with a PDF --out).
    #[arg(long, value_name = "FILE")]
    pub xlsx: Option<PathBuf>,
    /// The fonts.
    #[command(flatten)]
    pub fonts: FontArgs,
}

/// Duty subcommands (进站履职).
#[derive(Debug, Subcommand)]
pub enum DutyCommand {
    /// The duty rota (进站值班排班).
    #[command(subcommand)]
    Rota(RotaCommand),
    /// Station activities (履职活动) and attendance.
    #[command(subcommand)]
    Activity(ActivityCommand),
    /// Leaders' station visits (领导干部进站) and their coverage.
    #[command(subcommand, name = "leader-visit")]
    LeaderVisit(LeaderVisitCommand),
    /// A deputy's duty file (履职档案): duty days, activities, visits received, matters first-responded.
    File {
        /// The deputy's number.
        deputy: String,
        /// 2026, 2026-Q3, 2026-07 or 2026-07-01..2026-09-30 (default: this year).
        #[arg(long)]
        period: Option<String>,
    },
}

/// Rota subcommands.
#[derive(Debug, Subcommand)]
pub enum RotaCommand {
    /// Put deputies on duty for one session of one day.
    Add(RotaSlotArgs),
    /// Take deputies off one session of one day.
    Remove(RotaSlotArgs),
    /// The rota from `--from` to `--to` (default: today and the six days after it).
    List {
        /// Only this station (default: every station).
        #[arg(long, value_name = "CODE")]
        station: Option<String>,
        /// The first day, YYYY-MM-DD (default: today).
        #[arg(long, value_parser = parse_date)]
        from: Option<NaiveDate>,
        /// The last day, YYYY-MM-DD (default: six days after `--from`).
        #[arg(long, value_parser = parse_date)]
        to: Option<NaiveDate>,
    },
    /// Write the printable rota of a station for a week or a month to an .xlsx file.
    Print {
        /// The station.
        #[arg(long, value_name = "CODE")]
        station: String,
        /// Any day of the week to print, YYYY-MM-DD (default: next week, the one due to be posted).
        #[arg(long, value_parser = parse_date, conflicts_with = "month")]
        week: Option<NaiveDate>,
        /// The month to print, YYYY-MM.
        #[arg(long)]
        month: Option<String>,
        /// The .xlsx file to write (replaced if it exists).
        #[arg(long)]
        out: PathBuf,
    },
    /// Which week's rota is due to be posted, and by when (3 days ahead by default).
    Due {
        /// Days before its Monday a week's rota must be posted.
        #[arg(long, default_value_t = 3)]
        days_ahead: u32,
    },
}

/// One session of one day at one station, and the deputies.
#[derive(Debug, Args)]
pub struct RotaSlotArgs {
    /// The station.
    #[arg(long, value_name = "CODE")]
    pub station: String,
    /// The day, YYYY-MM-DD.
    #[arg(long)]
    pub date: String,
    /// 上午, 下午 or 全天.
    #[arg(long, default_value = "全天")]
    pub session: String,
    /// A deputy's number (repeat for several).
    #[arg(long = "deputy", value_name = "CODE", required = true)]
    pub deputies: Vec<String>,
}

/// Activity subcommands.
#[derive(Debug, Subcommand)]
pub enum ActivityCommand {
    /// Record an activity (held, with attendance; or planned).
    Add(ActivityAddArgs),
    /// The activities of a period.
    List {
        /// Only this station (default: every station).
        #[arg(long, value_name = "CODE")]
        station: Option<String>,
        /// 2026, 2026-Q3, 2026-07 or 2026-07-01..2026-09-30 (default: this year).
        #[arg(long)]
        period: Option<String>,
    },
}

/// An activity on the command line.
#[derive(Debug, Args)]
pub struct ActivityAddArgs {
    /// The organising station.
    #[arg(long, value_name = "CODE")]
    pub station: String,
    /// The day, YYYY-MM-DD.
    #[arg(long)]
    pub date: String,
    /// 接待群众, 调研, 视察, 座谈, 宣讲, 述职评议, 执法检查 or 建议督办.
    #[arg(long)]
    pub kind: String,
    /// Its subject.
    #[arg(long)]
    pub title: String,
    /// Where.
    #[arg(long, default_value = "")]
    pub place: String,
    /// Notes.
    #[arg(long, default_value = "")]
    pub notes: String,
    /// Not held yet (no attendance).
    #[arg(long)]
    pub planned: bool,
    /// Citizens met (接待群众人次).
    #[arg(long, value_name = "N")]
    pub people: Option<u32>,
    /// A deputy who attended (repeat for several).
    #[arg(long, value_name = "CODE")]
    pub present: Vec<String>,
    /// A deputy on leave, with the reason: `CODE:事由` (repeat for several).
    #[arg(long, value_name = "CODE:REASON")]
    pub leave: Vec<String>,
    /// A deputy absent without leave (repeat for several).
    #[arg(long, value_name = "CODE")]
    pub absent: Vec<String>,
}

/// Leaders' visit subcommands.
#[derive(Debug, Subcommand)]
pub enum LeaderVisitCommand {
    /// Record a leader's visit to a station.
    Add {
        /// The station.
        #[arg(long, value_name = "CODE")]
        station: String,
        /// The day, YYYY-MM-DD.
        #[arg(long)]
        date: String,
        /// The leader's name.
        #[arg(long)]
        leader: String,
        /// The leader's post, e.g. 市人大常委会副主任.
        #[arg(long)]
        post: String,
        /// What for.
        #[arg(long, default_value = "")]
        purpose: String,
    },
    /// Coverage: stations visited ÷ open stations in scope, and the stations not yet visited.
    Coverage {
        /// Only this region and below (county or township code; default: every station).
        #[arg(long, value_name = "CODE")]
        region: Option<String>,
        /// 2026, 2026-Q3, 2026-07 or 2026-07-01..2026-09-30 (default: this year).
        #[arg(long)]
        period: Option<String>,
    },
}

/// `liaison sync …`.
#[derive(Debug, Subcommand)]
pub enum SyncCommand {
    /// This node's id and public keys (made on first use in sync-keys/ beside the database, readable only by you).
    Keys,
    /// Office: enroll a station (or, with --reenroll, revoke its keys for a new PC) and write its enrollment file.
    Enroll {
        /// The station's code.
        #[arg(long)]
        station: String,
        /// The enrollment file to write (.lze; it holds a one-time secret: hand it over in person).
        #[arg(long)]
        out: PathBuf,
        /// Revoke the station's current keys and enroll it again.
        #[arg(long)]
        reenroll: bool,
        /// Who signs in to do it (an administrator).
        #[command(flatten)]
        auth: AuthArgs,
    },
    /// Station: accept the office's enrollment file.
    Join {
        /// The enrollment file (.lze) from the office.
        file: PathBuf,
        /// Who signs in to do it (an administrator).
        #[command(flatten)]
        auth: AuthArgs,
    },
    /// Write the next bundle for a peer into a folder: by default for this node's office; `--to NODE` for one
    /// station (office), `--all-stations` for every enrolled station.
    Export {
        /// The peer's node id.
        #[arg(long, conflicts_with = "all_stations")]
        to: Option<String>,
        /// Every enrolled station (office).
        #[arg(long)]
        all_stations: bool,
        /// The folder to write into.
        #[arg(long)]
        out: PathBuf,
        /// The whole history, not only what the peer has not acknowledged.
        #[arg(long)]
        full: bool,
        /// Who signs in (optional: otherwise --operator is recorded).
        #[command(flatten)]
        auth: AuthArgs,
    },
    /// Import bundle files; exit 1 when any was refused or rejected.
    Import {
        /// The bundle files (.lzb).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Who signs in (optional).
        #[command(flatten)]
        auth: AuthArgs,
    },
    /// Office: import every bundle in a folder, move each to the archive, write every station's return bundle.
    Inbox {
        /// Where the stations' bundles arrive.
        #[arg(long)]
        inbox: PathBuf,
        /// Where processed bundles go.
        #[arg(long)]
        archive: PathBuf,
        /// Where the return bundles are written.
        #[arg(long)]
        outbox: PathBuf,
        /// Who signs in (optional).
        #[command(flatten)]
        auth: AuthArgs,
    },
    /// Peers and their acknowledgements, missing bundles, recent imports, unresolved conflicts.
    Status {
        /// Recent imports shown.
        #[arg(long, default_value_t = 20)]
        limit: u32,
    },
}
