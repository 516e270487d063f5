namespace MailSniffer.Server.Demo;

/// <summary>Standard ports when they can be bound (so any tool decodes the capture), documented high ports otherwise.</summary>
public sealed record DemoPorts(int Dns, int Smtp, int Submission, int Pop3, int Imap)
{
    public static DemoPorts Standard { get; } = new(53, 25, 587, 110, 143);
    public static DemoPorts High { get; } = new(5353, 2525, 5587, 1110, 1143);
}
