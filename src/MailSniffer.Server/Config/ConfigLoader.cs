using System.Net;
using System.Text.Json;

namespace MailSniffer.Server.Config;

/// <summary>Reads and checks a JSON config so a bad file fails at start with a clear message, not mid-session.</summary>
public static class ConfigLoader
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        WriteIndented = true,
    };

    public static MailSystemConfig Load(string path)
    {
        var config = JsonSerializer.Deserialize<MailSystemConfig>(File.ReadAllText(path), Options)
                     ?? throw new InvalidDataException($"{path}: empty config");
        if (!Path.IsPathRooted(config.DataDirectory))
            config.DataDirectory = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, config.DataDirectory);
        Validate(config);
        return config;
    }

    public static string Serialize(MailSystemConfig config) => JsonSerializer.Serialize(config, Options);

    public static void Validate(MailSystemConfig config)
    {
        if (config.Domains.Count == 0) throw new InvalidDataException("config: no domains");
        var addresses = new List<string> { config.Dns.Address };
        foreach (var d in config.Domains)
        {
            if (string.IsNullOrWhiteSpace(d.Name)) throw new InvalidDataException("config: a domain has no name");
            if (string.IsNullOrWhiteSpace(d.MxHost)) d.MxHost = "mx." + d.Name;
            addresses.Add(d.Address);
            foreach (var u in d.Users)
            {
                if (string.IsNullOrWhiteSpace(u.Name)) throw new InvalidDataException($"config: a user of {d.Name} has no name");
                if (u.PasswordHash is null && u.SharedSecret is null)
                    throw new InvalidDataException($"config: {u.Name}@{d.Name} has neither passwordHash nor sharedSecret");
            }
        }
        foreach (var a in addresses)
        {
            if (!IPAddress.TryParse(a, out var ip)) throw new InvalidDataException($"config: '{a}' is not an IP address");
            if (!config.AllowNonLoopback && !IPAddress.IsLoopback(ip))
                throw new InvalidDataException($"config: {a} is not a loopback address; set allowNonLoopback to listen on it");
        }
    }
}
