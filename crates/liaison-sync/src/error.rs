//! Every way a bundle or a key file is refused, as one enum.
//!
//! Each rejection the sync issue names has its own variant, so the caller (the import screen, the CLI) can tell a
//! clerk exactly why a file was refused, and tests can assert the reason rather than "some error". Messages are
//! Chinese for the clerk, with the English term in brackets for the log and for support.

use std::path::PathBuf;

use crate::header::AppVersion;
use crate::keys::KeyId;

/// A result with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Why a bundle could not be sealed, parsed, verified or opened, or a key file read or written.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The file does not start with the bundle magic bytes.
    #[error("不是联络站同步包文件（not a sync bundle）")]
    NotABundle,
    /// The file ends before its declared parts do.
    #[error("同步包不完整，文件可能没有传完（truncated bundle）")]
    Truncated,
    /// The structure is wrong: a bad length, a bad field, bytes after the signature …
    #[error("同步包已损坏：{0}（corrupt bundle）")]
    Corrupt(&'static str),
    /// A format version this app no longer reads (or never did).
    #[error("不支持的同步包格式版本 {0}（unsupported format version）")]
    UnsupportedVersion(u16),
    /// A format version newer than this app knows: the sender runs a newer app.
    #[error("同步包来自更新版本的应用（格式版本 {0}），请先升级本机应用（bundle from a newer app version）")]
    NewerFormat(u16),
    /// The format is known but the app that wrote it is newer than ours, so its changes may not be understood.
    #[error("同步包由更新版本的应用 {bundle} 生成，本机为 {ours}，请先升级本机应用（bundle from a newer app version）")]
    NewerApp {
        /// The version that wrote the bundle.
        bundle: AppVersion,
        /// Our version.
        ours: AppVersion,
    },
    /// A cipher suite this app does not implement.
    #[error("不支持的密码套件 {0}（unsupported cipher suite）")]
    UnsupportedSuite(u16),
    /// A declared or actual size over the limit, refused before anything is allocated for it.
    #[error("同步包的{what}超过上限 {limit} 字节（too large）")]
    TooLarge {
        /// Which part: 文件, 头部, 密文, 内容.
        what: &'static str,
        /// The limit in bytes.
        limit: u64,
    },
    /// The bundle is addressed to another node, or to a key of ours we no longer hold.
    #[error("同步包不是发给本节点的（收件节点 {recipient}）（wrong recipient）")]
    WrongRecipient {
        /// The node (and key) the header names.
        recipient: String,
    },
    /// The sender, or this key of the sender, is not enrolled here.
    #[error("发送节点 {node}（密钥 {key_id}）未在本机登记（unknown sender）")]
    UnknownSender {
        /// The sender node id from the header.
        node: String,
        /// The sender's signing key id from the header.
        key_id: KeyId,
    },
    /// The sender's key was enrolled and later revoked.
    #[error("发送节点 {node} 的密钥 {key_id} 已被吊销（revoked sender）")]
    RevokedSender {
        /// The sender node id from the header.
        node: String,
        /// The revoked key id.
        key_id: KeyId,
    },
    /// The signature does not match header and ciphertext: altered, forged, or headers swapped.
    #[error("同步包签名无效，文件被改动或伪造（bad signature）")]
    BadSignature,
    /// Signed by an enrolled sender but not decryptable with our key.
    #[error("同步包无法用本机密钥解密（cannot decrypt）")]
    Undecryptable,
    /// What the caller asked to seal is not a valid bundle.
    #[error("无法生成同步包：{0}（invalid input）")]
    Invalid(String),
    /// A key file is malformed.
    #[error("密钥文件 {path} 格式不对：{reason}（bad key file）")]
    BadKeyFile {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        reason: &'static str,
    },
    /// A private key file others may read: refused, like ssh refuses such keys.
    #[error("私钥文件 {0} 其他用户可读，请改为仅本用户可读（chmod 600）（insecure key file）")]
    InsecureKeyFile(PathBuf),
    /// Refusing to overwrite an existing key file: a node's keys replaced by mistake would orphan it.
    #[error("{0} 已存在，不会覆盖（already exists）")]
    AlreadyExists(PathBuf),
    /// Reading or writing a file failed.
    #[error("读写 {path} 失败：{source}（I/O error）")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The operating system's random generator failed.
    #[error("系统随机数生成器不可用：{0}（no randomness）")]
    Random(String),
}

impl Error {
    /// An I/O error on `path`.
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io { path: path.into(), source }
    }
}
