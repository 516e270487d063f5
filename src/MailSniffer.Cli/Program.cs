using System.CommandLine;
using MailSniffer.Cli.Commands;

namespace MailSniffer.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        // MimeKit reads the available charsets once, on first use: register code pages (GB2312...) before anything else.
        MailSniffer.Analysis.Messages.MimeSetup.EnsureRegistered();
        return BuildRoot().Parse(args).Invoke();
    }

    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("MailSniffer: see what unencrypted mail (SMTP, POP3, IMAP, DNS) reveals on the wire.");
        // One file per command; each exposes Create().
        root.Subcommands.Add(InterfacesCommand.Create());
        root.Subcommands.Add(FlowsCommand.Create());
        root.Subcommands.Add(FollowCommand.Create());
        root.Subcommands.Add(ReadCommand.Create());
        root.Subcommands.Add(ExportCommand.Create());
        root.Subcommands.Add(CredsCommand.Create());
        root.Subcommands.Add(TimelineCommand.Create());
        root.Subcommands.Add(ExposureCommand.Create());
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(TuiCommand.Create());
        return root;
    }
}
