// A file-system fn called by the name its `use` imports: the operating system's error has no
// cause below it, and the report's text is all a person reads of it.
use std::fs::read_to_string;

pub fn read_pid(path: &std::path::Path) -> Result<u32, anyhow::Error> {
    let pid = read_to_string(path)
        .map_err(|err| anyhow::format_err!("error reading pidfile {:?}: {}", path, err))?;
    Ok(pid.trim().parse()?)
}
