using MailSniffer.Core.Capture;

namespace MailSniffer.Cli;

/// <summary>
/// Runs a command body and turns the expected failures (bad usage, unreadable file, no libpcap) into one clear line on
/// stderr and an exit code, never a stack trace.
/// </summary>
internal static class CommandRunner
{
    public static int Run(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (CliUsageException e)
        {
            Console.Error.WriteLine($"mailsniffer: {e.Message}");
            return 2;
        }
        catch (Exception e) when (e is CaptureFormatException or FileNotFoundException or DirectoryNotFoundException
                                      or UnauthorizedAccessException or IOException)
        {
            Console.Error.WriteLine($"mailsniffer: {e.Message}");
            return 1;
        }
        catch (Exception e) when (e.GetType().Name == "CaptureUnavailableException")
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
    }
}
