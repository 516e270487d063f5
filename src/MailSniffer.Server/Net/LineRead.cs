namespace MailSniffer.Server.Net;

/// <summary>One line from a client, without its CRLF (or bare LF).</summary>
public readonly record struct LineRead(LineStatus Status, byte[] Bytes)
{
    public string Text => System.Text.Encoding.UTF8.GetString(Bytes);
}
