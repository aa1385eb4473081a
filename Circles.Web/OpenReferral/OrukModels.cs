using System.Security.Cryptography;
using System.Text;
using Circles.Core.Assets;
using Circles.Core.Common;

namespace Circles.Web.OpenReferral;

/// <summary>
/// Stable UUIDs for what Open Referral UK needs and Circles stores as part of an asset (its organisation, location,
/// address…): name-based (RFC 9562 version 5) from the asset's own UUID, so they never change and need no storage.
/// </summary>
public static class OrukIds
{
    private static readonly Guid Namespace = new("6f1c2a8e-58a4-4b0e-9d1c-7d3a0c6b9e21");

    public static string For(string owner, string part) => Version5(owner + "/" + part).ToString();

    public static string Taxonomy(string name) => For("taxonomy", name);

    public static string KindTerm(string kind) => For("taxonomy-term/kind", kind);

    public static string InterestTerm(long interestId) => For("taxonomy-term/interest", interestId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public const string KindsTaxonomy = "asset-kinds";
    public const string InterestsTaxonomy = "interests";

    private static Guid Version5(string name)
    {
        var space = Namespace.ToByteArray(bigEndian: true);
        // Version 5 is defined on SHA-1; it names things here, it protects nothing.
#pragma warning disable CA5350
        var hash = SHA1.HashData([.. space, .. Encoding.UTF8.GetBytes(name)]);
#pragma warning restore CA5350
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}

/// <summary>The list page envelope every ORUK list endpoint answers with.</summary>
public sealed record OrukPage<T>(int TotalItems, int TotalPages, int PageNumber, int Size, bool FirstPage, bool LastPage, bool Empty, IReadOnlyList<T> Contents);

public static class OrukPages
{
    public static OrukPage<T> From<T>(Page<T> page) =>
        new((int)page.TotalItems, page.TotalPages, page.PageNumber, page.Items.Count, page.PageNumber <= 1, page.PageNumber >= page.TotalPages, page.Items.Count == 0, page.Items);

    public static OrukPage<T> Of<TSource, T>(Page<TSource> page, Func<TSource, T> map) =>
        From(new Page<T>(page.Items.Select(map).ToList(), page.PageNumber, page.PageSize, page.TotalItems));

    /// <summary>A slice of a list held in memory (taxonomies, terms).</summary>
    public static OrukPage<T> Slice<T>(IReadOnlyList<T> all, Paging paging) =>
        From(new Page<T>(all.Skip(paging.Offset).Take(paging.PageSize).ToList(), paging.PageNumber, paging.PageSize, all.Count));
}

public sealed record OrukRoot(string Version, string Profile, string OpenapiUrl);

public sealed record OrukTaxonomy(string Id, string Name, string Description, string? Uri = null, string? Version = null);

public sealed record OrukTaxonomyTerm(string Id, string Taxonomy, string TaxonomyId, string Term, string? ParentId = null);

public sealed record OrukOrganization(string Id, string Name, string Description, string? Email = null, string? Website = null);

public sealed record OrukAttribute(string Id, string LinkId, string LinkType, string TaxonomyTermId, OrukTaxonomyTerm TaxonomyTerm);

public sealed record OrukSchedule(
    string Id, string ServiceId, string Freq, int Interval, string Byday, string? OpensAt, string? ClosesAt, string Description);

public sealed record OrukAddress(
    string Id, string LocationId, [property: System.Text.Json.Serialization.JsonPropertyName("address_1")] string Address1, string City, string StateProvince, string PostalCode, string Country, string AddressType, string? Region = null);

public sealed record OrukAccessibility(string Id, string LocationId, string Description);

public sealed record OrukLocation(
    string Id, string LocationType, string Name, double? Latitude, double? Longitude,
    IReadOnlyList<OrukAddress>? Addresses = null, IReadOnlyList<OrukAccessibility>? Accessibility = null);

public sealed record OrukServiceAtLocation(string Id, string ServiceId, string LocationId, OrukLocation Location, OrukServiceSummary? Service = null);

public sealed record OrukContact(string Id, string ServiceId, string? Name);

public sealed record OrukCostOption(string Id, string ServiceId, string AmountDescription);

/// <summary>A service as list endpoints show it: the record and its organisation, without the nested detail.</summary>
public record OrukServiceSummary(
    string Id, string Name, string Status, string Url, string? Description, string? Email, string LastModified, string OrganizationId, OrukOrganization Organization);

/// <summary>A service with everything nested, as GET /services/{id} returns it.</summary>
public sealed record OrukService(
    string Id, string Name, string Status, string Url, string? Description, string? Email, string LastModified, string OrganizationId, OrukOrganization Organization,
    IReadOnlyList<OrukServiceAtLocation> ServiceAtLocations, IReadOnlyList<OrukSchedule> Schedules, IReadOnlyList<OrukAttribute> Attributes,
    IReadOnlyList<OrukContact> Contacts, IReadOnlyList<OrukCostOption> CostOptions)
    : OrukServiceSummary(Id, Name, Status, Url, Description, Email, LastModified, OrganizationId, Organization);

/// <summary>Maps a community asset to Open Referral UK: organisation + service + location (+ service at location) + schedules + terms.</summary>
public sealed class OrukMapper(Func<string, string> absoluteUrl)
{
    public static string Status(string status) => status switch
    {
        AssetStatuses.TemporarilyClosed => "temporarily closed",
        AssetStatuses.Inactive => "inactive",
        _ => "active",
    };

    public static IReadOnlyList<OrukTaxonomy> Taxonomies { get; } =
    [
        new(OrukIds.Taxonomy(OrukIds.KindsTaxonomy), "Circles asset kinds", "The six kinds of asset-based community development, less individuals' gifts and skills, which are never published"),
        new(OrukIds.Taxonomy(OrukIds.InterestsTaxonomy), "Circles interests", "The interests people and community assets are tagged with"),
    ];

    public static OrukTaxonomyTerm KindTerm(string kind) =>
        new(OrukIds.KindTerm(kind), OrukIds.KindsTaxonomy, OrukIds.Taxonomy(OrukIds.KindsTaxonomy), AssetKinds.Label(kind));

    public static OrukTaxonomyTerm InterestTerm(InterestTerm interest) =>
        new(OrukIds.InterestTerm(interest.Id), OrukIds.InterestsTaxonomy, OrukIds.Taxonomy(OrukIds.InterestsTaxonomy), interest.Name);

    public OrukServiceSummary Summary(AssetDetails asset) =>
        new(asset.Uid, asset.Name, Status(asset.Status), Url(asset), asset.Description, asset.ContactEmail, LastModified(asset), OrganizationId(asset), Organization(asset));

    /// <summary>A whole service, with its interests as taxonomy terms (<paramref name="interestIds"/>: published interests by name).</summary>
    public OrukService Service(AssetDetails asset, IReadOnlyDictionary<string, long> interestIds)
    {
        var attributes = new List<OrukAttribute> { Attribute(asset, KindTerm(asset.Kind)) };
        attributes.AddRange(asset.Tags.Where(interestIds.ContainsKey).Select(t => Attribute(asset, InterestTerm(new InterestTerm(interestIds[t], t)))));
        return new OrukService(
            asset.Uid, asset.Name, Status(asset.Status), Url(asset), asset.Description, asset.ContactEmail, LastModified(asset), OrganizationId(asset), Organization(asset),
            [ServiceAtLocation(asset, withService: false)],
            asset.Schedules.Select((s, i) => new OrukSchedule(
                s.Uid ?? OrukIds.For(asset.Uid, $"schedule/{i}"), asset.Uid, s.Freq, s.Interval, s.ByDay,
                s.OpensAt?.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), s.ClosesAt?.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
                s.Describe())).ToList(),
            attributes,
            asset.ContactName is null ? [] : [new OrukContact(OrukIds.For(asset.Uid, "contact"), asset.Uid, asset.ContactName)],
            asset.Cost is null ? [] : [new OrukCostOption(OrukIds.For(asset.Uid, "cost"), asset.Uid, asset.Cost)]);
    }

    public OrukServiceAtLocation ServiceAtLocation(AssetDetails asset, bool withService = true)
    {
        var locationId = OrukIds.For(asset.Uid, "location");
        var addresses = asset.Postcode is null ? null : new[]
        {
            new OrukAddress(OrukIds.For(asset.Uid, "address"), locationId, FirstLine(asset), Town(asset), asset.AreaName, asset.Postcode, "GB", "physical"),
        };
        var accessibility = asset.Accessibility.Select(f => new OrukAccessibility(OrukIds.For(asset.Uid, "accessibility/" + f), locationId, AccessibilityFeatures.Label(f))).ToList();
        var location = new OrukLocation(locationId, "physical", asset.Name, asset.Latitude, asset.Longitude, addresses, accessibility);
        return new OrukServiceAtLocation(OrukIds.For(asset.Uid, "service_at_location"), asset.Uid, locationId, location, withService ? Summary(asset) : null);
    }

    private OrukAttribute Attribute(AssetDetails asset, OrukTaxonomyTerm term) =>
        new(OrukIds.For(asset.Uid, "attribute/" + term.Id), asset.Uid, "service", term.Id, term);

    private static string OrganizationId(AssetDetails asset) => OrukIds.For(asset.Uid, "organization");

    /// <summary>Most groups are their own organisation; Circles records no separate body that runs them.</summary>
    private static OrukOrganization Organization(AssetDetails asset) =>
        new(OrganizationId(asset), asset.Name, asset.Description ?? AssetKinds.Label(asset.Kind), asset.ContactEmail, asset.Website);

    private string Url(AssetDetails asset) => asset.Website ?? absoluteUrl($"/api/oruk/services/{asset.Uid}");

    private static string LastModified(AssetDetails asset) => asset.UpdatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static string FirstLine(AssetDetails asset) =>
        asset.Address?.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? asset.Name;

    private static string Town(AssetDetails asset) =>
        asset.Address?.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is { Length: > 1 } lines ? lines[^1] : asset.AreaName;
}
