namespace MailSniffer.Analysis.Views.Timeline;

/// <summary>Shows that a secret crossed without printing it, unless the user asked to reveal secrets.</summary>
internal static class SecretMask
{
    public static string Password(string? password, bool reveal) =>
        password == null ? "" : reveal ? password : $"{new string('*', Math.Min(password.Length, 8))} ({password.Length} chars)";
}
