namespace MailSniffer.Core.Frames;

public enum FragmentOutcome : byte
{
    /// <summary>Stored; the datagram is still incomplete.</summary>
    Held,
    /// <summary>This fragment completed the datagram; its payload is available.</summary>
    Completed,
    /// <summary>Refused (oversize, conflicting, too scattered); counted.</summary>
    Rejected,
}
