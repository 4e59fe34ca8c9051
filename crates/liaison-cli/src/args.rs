//! Command-line arguments (clap derive).

use std::path::PathBuf;

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
    /// The audit log, newest first: reveals of personal data, setup changes, operator management.
    Audit {
        /// Only this action (e.g. `reveal`).
        #[arg(long)]
        action: Option<String>,
        /// At most this many records.
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
    /// Measure search latency or import throughput.
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
