//! Asking before deleting: on a terminal the question is asked (y/N);
//! otherwise `--yes` must say it, and without it nothing is deleted.

use std::io::{BufRead, IsTerminal, Write};

use anyhow::Result;

/// Whether to go on with what `question` describes ("Delete Bob Smith #2:
/// 14 interactions …"). `yes` is the command's `--yes`. Not on a terminal
/// and without `--yes`: refused, so that a script never deletes by
/// accident.
pub fn confirmed(question: &str, yes: bool) -> Result<bool> {
    if yes {
        return Ok(true);
    }
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        anyhow::bail!(
            "{}? Not asked, since this is not a terminal: add --yes to delete; nothing was deleted",
            ties::text::printable(question)
        );
    }
    let mut err = std::io::stderr().lock();
    write!(err, "{}? [y/N] ", ties::text::printable(question))?;
    err.flush()?;
    let mut answer = String::new();
    stdin.lock().read_line(&mut answer)?;
    let yes = matches!(answer.trim().to_lowercase().as_str(), "y" | "yes");
    if !yes {
        writeln!(err, "Nothing was deleted.")?;
    }
    Ok(yes)
}
