using System.Globalization;

namespace MailSniffer.Server.Demo.Truth;

/// <summary>UTC ISO 8601 with microseconds, the truth file's only time format.</summary>
public static class TruthTime
{
    public static string Format(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
