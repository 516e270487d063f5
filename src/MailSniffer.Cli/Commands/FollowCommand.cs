using System.CommandLine;

namespace MailSniffer.Cli.Commands;

internal static class FollowCommand
{
    public static Command Create()
    {
        var cmd = new Command("follow", "Print one reassembled conversation.");
        cmd.SetAction(_ =>
        {
            Console.Error.WriteLine("not implemented yet");
            return 1;
        });
        return cmd;
    }
}
