//! `coach decline`: closes a prospect after (or instead of) the fit conversation,
//! with the same byte-keeping edit of engagement.yaml as `coach close`.

use crate::cli::DeclineArgs;
use crate::commands::close::closing_edits;
use crate::commands::edit_in_place::{EngagementEdit, refuse_closed};
use crate::commands::{Env, Outcome};
use crate::error::{Error, Result};
use crate::fsio;
use crate::load::{self, ENGAGEMENT_FILE};
use crate::model::engagement::EngagementStatus;

/// Closes the prospect and prints what changed, a line per key.
pub fn run(env: &Env, args: &DeclineArgs) -> Result<Outcome> {
    let root = load::find_engagement_root(&env.dir)?;
    let _lock = fsio::lock_folder(&root)?;
    let valid = load::load(&root, env.today).into_valid()?;
    refuse_closed(&valid.engagement)?;
    if valid.engagement.status != EngagementStatus::Prospect {
        return Err(Error::Request(format!(
            "this engagement is {}, not a prospect: `coach decline` closes a prospect; an engagement that has begun ends with `coach close`",
            valid.engagement.status
        )));
    }
    let shown = env.show(&root.join(ENGAGEMENT_FILE));
    let edit = EngagementEdit::new(&root, shown, &closing_edits(env.today, Some(&args.reason)))?;
    Ok(Outcome::print(edit.write(&root)?))
}
