//! The README's install commands for completions, the manual page and the schema run as
//! shown on a machine where none of their folders exist yet.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The `sh` blocks of the README's "Shell and editor" section, without `man mbr` (which
/// needs a pager and the system's man).
fn shell_and_editor_commands() -> String {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let start = readme.find("### Shell and editor").unwrap();
    let section = &readme[start..];
    let end = section[1..].find("\n## ").map_or(section.len(), |i| i + 1);
    let mut script = String::new();
    for block in section[..end].split("```sh\n").skip(1) {
        let code = block.split("```").next().unwrap();
        for line in code.lines().filter(|l| !l.starts_with("man ")) {
            script.push_str(line);
            script.push('\n');
        }
    }
    script
}

#[test]
fn completion_and_man_page_commands_work_in_an_empty_home() {
    let script = shell_and_editor_commands();
    assert!(
        script.contains("mkdir -p ~/.local/share/man/man1"),
        "{script}"
    );
    let home = std::env::temp_dir().join(format!("mbr-home-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&home);
    std::fs::create_dir_all(&home).unwrap();
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_mbr"));
    let path = format!("{}:/usr/bin:/bin", bin.parent().unwrap().display());
    let out = Command::new("bash")
        .args(["-e", "-c", &script])
        .env_clear()
        .env("HOME", &home)
        .env("PATH", path)
        .current_dir(&home)
        .output()
        .unwrap();
    let read = |p: &str| std::fs::read_to_string(home.join(p)).unwrap_or_default();
    let files = [
        read(".local/share/bash-completion/completions/mbr"),
        read(".zfunc/_mbr"),
        read(".config/fish/completions/mbr.fish"),
        read(".local/share/man/man1/mbr.1"),
        read("mbr-plan.schema.json"),
    ];
    let _ = std::fs::remove_dir_all(&home);
    assert!(
        out.status.success(),
        "{script}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let [bash, zsh, fish, man, schema] = files;
    assert!(bash.contains("complete -F _mbr"), "{bash}");
    assert!(zsh.starts_with("#compdef mbr"), "{zsh}");
    assert!(fish.contains("complete -c mbr"), "{fish}");
    assert!(man.contains(".TH mbr 1"), "{man}");
    assert!(schema.contains("\"$schema\""), "{schema}");
    assert!(!Path::new(&home).exists());
}
