using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MailSniffer.Server.Tls;

/// <summary>
/// A self-signed certificate per MX host, generated on first start and kept in the data directory
/// so clients that pin it on first use keep trusting it across restarts.
/// </summary>
public static class CertificateProvider
{
    // In-memory systems (demo, tests) reuse one certificate per host for the life of the process: RSA key generation is slow.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, X509Certificate2> Ephemeral = new();

    public static X509Certificate2 GetOrCreate(string hostName, IPAddress address, string? directory)
    {
        if (directory is null) return Ephemeral.GetOrAdd(hostName + "|" + address, _ => X509CertificateLoader.LoadPkcs12(Create(hostName, address), null));
        string? path = null;
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
            path = Path.Combine(directory, hostName + ".pfx");
            if (File.Exists(path))
            {
                var existing = X509CertificateLoader.LoadPkcs12FromFile(path, null);
                if (existing.NotAfter > DateTime.UtcNow.AddDays(1)) return existing;
            }
        }
        var pfx = Create(hostName, address);
        if (path is not null) File.WriteAllBytes(path, pfx);
        return X509CertificateLoader.LoadPkcs12(pfx, null);
    }

    private static byte[] Create(string hostName, IPAddress address)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={hostName}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(hostName);
        san.AddIpAddress(address);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(2));
        // Re-import through PKCS#12: on Linux an ephemeral key cannot be used by SslStream.
        return cert.Export(X509ContentType.Pkcs12);
    }
}
