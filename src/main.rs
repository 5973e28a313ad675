use clap::Parser;

fn main() {
    let cli = posture::cli::Cli::parse();
    if cli.command.is_none() {
        if let Err(e) = posture::ui::run(cli.policies, cli.open) {
            eprintln!("posture could not open its window: {e}");
            std::process::exit(1);
        }
        return;
    }
    std::process::exit(posture::cli::run(cli));
}
