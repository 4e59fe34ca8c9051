//! `liaison operator add|list`.

use liaison_core::Store;
use liaison_core::operators::account::{self, NewOperator, OperatorView};
use liaison_core::operators::session::operator_label;
use liaison_core::operators::{Role, Session, sign_in};

use super::secrets::Secrets;
use crate::Failure;
use crate::args::{AuthArgs, OperatorCommand};

pub(super) fn run(store: &mut Store, cmd: &OperatorCommand, secrets: &dyn Secrets, json: bool) -> Result<(), Failure> {
    match cmd {
        OperatorCommand::Add { login, name, role, auth } => {
            let role = Role::from(*role);
            let added = if account::any_exists(store.conn())? {
                let session = signed_in(store, auth, secrets)?
                    .ok_or_else(|| Failure::user("operators exist: sign in as an administrator with --as LOGIN"))?;
                let new = NewOperator {
                    login: login.clone(),
                    display_name: name.clone(),
                    role,
                    password: secrets.new_password()?,
                };
                store.write(&session.operator(), |w| account::create_operator(w, &session, &new))?
            } else {
                if role != Role::Admin {
                    return Err(Failure::user("the first operator must be an administrator: use --role admin"));
                }
                let password = secrets.new_password()?;
                // The new administrator is the one acting: their label goes on the audit row.
                let label = operator_label(name.trim(), &account::normalize_login(login)?);
                store.write(&label, |w| account::create_first_admin(w, login, name, &password))?
            };
            crate::output::emit(json, &added, |op| {
                println!("已添加操作员 added operator {}（{}，{}）", op.login, op.display_name, op.role_label);
            })
        }
        OperatorCommand::List => {
            let operators = account::list(store.conn())?;
            let now = store.deps().clock.now();
            crate::output::emit(json, &operators, |ops| print_list(ops, |op| op.is_locked_at(now)))
        }
    }
}

/// Signs in the administrator named by `--as`, when one is named.
pub(super) fn signed_in(store: &mut Store, auth: &AuthArgs, secrets: &dyn Secrets) -> Result<Option<Session>, Failure> {
    let Some(login) = &auth.as_login else { return Ok(None) };
    let password = secrets.sign_in_password(login)?;
    Ok(Some(sign_in(store, login, &password)?))
}

fn print_list(operators: &[OperatorView], is_locked: impl Fn(&OperatorView) -> bool) {
    if operators.is_empty() {
        println!("尚无操作员 no operators yet (add the first administrator with `liaison operator add --role admin`)");
        return;
    }
    for op in operators {
        let state = if !op.active {
            "已停用 inactive"
        } else if is_locked(op) {
            "已锁定 locked"
        } else {
            "启用 active"
        };
        println!(
            "{:<16} {:<10} {:<8} {}  最近登录 last sign-in: {}",
            op.login,
            op.display_name,
            op.role_label,
            state,
            op.last_sign_in_at.as_deref().unwrap_or("—")
        );
    }
}
