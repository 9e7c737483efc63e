//! Noticing that the window got smaller while a prompt was asked.
//!
//! inquire (0.9) ignores crossterm's resize events: it draws again only
//! after the next key, and then as if the terminal had re-wrapped its last
//! frame at the new width. Terminals do not agree on that (xterm cuts the
//! lines, most others re-wrap them), and a prompt wrapped for the old width
//! no longer fits either way, so a narrower window shows half-lines and
//! leftovers until the prompt ends. Nothing outside inquire can end its
//! wait for a key: crossterm's reader takes the waker's wake-up for a
//! spurious one and waits on. So a [`Watch`] only notes the signal, and
//! once the prompt has ended the prompter draws the screen again, cleanly,
//! at the new size. A larger window changes nothing on screen (every line
//! pathfit draws ends with its own line break), so it is left as it is.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use signal_hook::SigId;
use signal_hook::consts::SIGWINCH;

/// Notes every `SIGWINCH` for as long as it lives.
pub struct Watch {
    resized: Arc<AtomicBool>,
    id: Option<SigId>,
}

impl Watch {
    pub fn new() -> Watch {
        let resized = Arc::new(AtomicBool::new(false));
        let id = signal_hook::flag::register(SIGWINCH, Arc::clone(&resized)).ok();
        Watch { resized, id }
    }

    /// Whether the window was resized since the last call and is now
    /// narrower or shorter than `cols` × `rows`, the size a prompt was laid
    /// out for.
    pub fn smaller_than(&self, cols: usize, rows: usize) -> bool {
        self.resized.swap(false, Ordering::SeqCst)
            && crate::wrap::terminal_size()
                .is_some_and(|(c, r)| usize::from(c) < cols || usize::from(r) < rows)
    }

    /// Forgets any resize so far (before a prompt is drawn at the size now).
    pub fn reset(&self) {
        self.resized.store(false, Ordering::SeqCst);
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        if let Some(id) = self.id.take() {
            signal_hook::low_level::unregister(id);
        }
    }
}
