using System.CommandLine;

namespace MailSniffer.Cli.Commands;

internal static class FlowsCommand
{
    public static Command Create()
    {
        var cmd = new Command("flows", "One row per TCP connection and UDP flow.");
        cmd.SetAction(_ =>
        {
            Console.Error.WriteLine("not implemented yet");
            return 1;
        });
        return cmd;
    }
}
