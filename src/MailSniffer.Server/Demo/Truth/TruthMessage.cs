namespace MailSniffer.Server.Demo.Truth;

/// <summary>A message alice sent; Sha256/Size cover the bytes of the DATA/BDAT payload after dot-unstuffing.</summary>
public sealed class TruthMessage
{
    public string MessageId { get; set; } = "";
    public string Subject { get; set; } = "";
    public string From { get; set; } = "";
    public List<string> To { get; set; } = [];
    public List<string> Cc { get; set; } = [];
    public string Sha256 { get; set; } = "";
    public long Size { get; set; }
    public TruthSession? Submission { get; set; }
}
