using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Circles.Tests.Support;
using NJsonSchema;

namespace Circles.Tests.Oruk;

/// <summary>
/// The Open Referral UK read API, validated against the profile's own OpenAPI document and schemas (kept unchanged in
/// Oruk/schema, see SOURCE.md there): the page envelope from components.schemas.Page, and each item against the schema
/// file the path names.
/// </summary>
public sealed class OrukApiTests : SiteTest
{
    private static readonly string SchemaFolder = Path.Combine(AppContext.BaseDirectory, "Oruk", "schema");

    private static readonly Lazy<JsonNode> OpenApi = new(() => JsonNode.Parse(File.ReadAllText(Path.Combine(SchemaFolder, "openapi.json")))!);

    private static async Task<JsonSchema> SchemaFile(string url) =>
        await JsonSchema.FromFileAsync(Path.Combine(SchemaFolder, url[(url.IndexOf("/schema/", StringComparison.Ordinal) + "/schema/".Length)..]));

    private static JsonNode ResponseSchema(string path) =>
        OpenApi.Value["paths"]![path]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!;

    private static void AssertValid(JsonSchema schema, string json, string what)
    {
        var errors = Flatten(schema.Validate(json)).ToList();
        Assert.That(errors, Is.Empty, $"{what}:\n" + string.Join("\n", errors) + "\n" + json[..Math.Min(json.Length, 1500)]);
    }

    private static IEnumerable<string> Flatten(IEnumerable<NJsonSchema.Validation.ValidationError> errors) =>
        errors.SelectMany(e => e is NJsonSchema.Validation.ChildSchemaValidationError child
            ? child.Errors.SelectMany(c => Flatten(c.Value))
            : [$"{e.Path} {e.Kind} {e.Property}"]);

    /// <summary>A list endpoint: the envelope against Page, every item against the path's item schema.</summary>
    private static async Task<JsonNode> ValidList(WebSession session, string oasPath, string url)
    {
        var json = await session.Get(url);
        var page = await JsonSchema.FromJsonAsync(OpenApi.Value["components"]!["schemas"]!["Page"]!.ToJsonString());
        AssertValid(page, json, url);
        var itemSchema = await SchemaFile(ResponseSchema(oasPath)["properties"]!["contents"]!["items"]!["$ref"]!.GetValue<string>());
        var body = JsonNode.Parse(json)!;
        foreach (var item in body["contents"]!.AsArray())
        {
            AssertValid(itemSchema, item!.ToJsonString(), url + " item");
        }

        foreach (var field in new[] { "total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents" })
        {
            Assert.That(body[field], Is.Not.Null, $"{url} has {field}");
        }

        return body;
    }

    private async Task Directory()
    {
        await CompleteSetup();
        await Db.Execute(
            """
            INSERT INTO areas (id, name, created_at) VALUES (1, 'Eastfield', '2026-01-01T00:00:00Z');
            INSERT INTO postcodes (postcode, latitude, longitude) VALUES ('EF1 2AB', 51.5014, -0.1419), ('EF1 3CD', 51.5064, -0.1419), ('NS9 9ZZ', 53.0, -1.0);
            INSERT INTO interests (id, name, created_at) VALUES (1, 'knitting', '2026-01-01'), (2, 'rugby', '2026-01-01'), (3, 'secret hobby', '2026-01-01');
            INSERT INTO community_assets (id, uid, name, kind, description, address, postcode, latitude, longitude, contact_name, contact_email, website, cost,
                                          accessibility, status, area_id, tags, last_verified_on, created_at, updated_at) VALUES
              (1, '8d7e2c1a-4b5f-4a3e-9c2d-1e0f3a4b5c6d', 'Knit & Natter', 'association', 'Knitting and tea', 'Eastfield Library\nHigh Street\nEastfield', 'EF1 2AB', 51.5014, -0.1419,
                  'Jo', 'jo@example.org', 'https://knit.example.org/', 'Free', ',step_free,hearing_loop,', 'active', 1, 'knitting', '2026-03-01', '2026-03-01T10:00:00.0000000Z', '2026-03-01T10:00:00.0000000Z'),
              (2, '9d7e2c1a-4b5f-4a3e-9c2d-1e0f3a4b5c6d', 'Rugby walking club', 'association', NULL, NULL, NULL, NULL, NULL,
                  NULL, NULL, NULL, NULL, ',', 'temporarily_closed', 1, 'rugby', '2026-03-01', '2026-03-01T10:00:00.0000000Z', '2026-06-01T10:00:00.0000000Z'),
              (3, 'ad7e2c1a-4b5f-4a3e-9c2d-1e0f3a4b5c6d', 'Far hall', 'physical_space', NULL, NULL, 'NS9 9ZZ', 53.0, -1.0,
                  NULL, NULL, NULL, NULL, ',', 'inactive', 1, '', '2026-03-01', '2026-03-01T10:00:00.0000000Z', '2026-03-01T10:00:00.0000000Z'),
              (4, 'bd7e2c1a-4b5f-4a3e-9c2d-1e0f3a4b5c6d', 'Doris Smith teaches knitting at home', 'individual', 'Her own front room', NULL, 'EF1 3CD', 51.5064, -0.1419,
                  'Doris Smith', 'doris@example.org', NULL, NULL, ',', 'active', 1, 'secret hobby', '2026-03-01', '2026-03-01T10:00:00.0000000Z', '2026-03-01T10:00:00.0000000Z');
            INSERT INTO asset_interests (asset_id, interest_id) VALUES (1, 1), (2, 2), (4, 3);
            INSERT INTO asset_schedules (uid, asset_id, freq, interval, byday, opens_at, closes_at) VALUES
              ('5e2c1a4b-7d8e-4f90-a1b2-c3d4e5f60718', 1, 'MONTHLY', 1, '2TU,4TU', '10:00', '12:00');
            """);
    }

    [Test]
    public async Task The_count_of_services_follows_every_new_changed_and_removed_asset()
    {
        // The unfiltered count is kept by triggers (migration 0037) rather than counted on each page, so it must
        // follow every way an asset can come, go or become an individual's.
        await Directory();
        using var anyone = NewSession();
        async Task<int> Listed() => JsonNode.Parse(await anyone.Get("/api/oruk/services"))!["total_items"]!.GetValue<int>();
        async Task<int> Counted() => (int)await Db.Scalar<long>("SELECT count(*) FROM community_assets WHERE kind <> 'individual'");

        Assert.That(await Listed(), Is.EqualTo(3));
        await Db.Execute(
            """
            INSERT INTO community_assets (id, uid, name, kind, area_id, last_verified_on, created_at, updated_at) VALUES
              (5, 'cd7e2c1a-4b5f-4a3e-9c2d-1e0f3a4b5c6d', 'Men''s shed', 'physical_space', 1, '2026-03-01', '2026-03-01T10:00:00Z', '2026-03-01T10:00:00Z'),
              (6, 'dd7e2c1a-4b5f-4a3e-9c2d-1e0f3a4b5c6d', 'Sam fixes bikes', 'individual', 1, '2026-03-01', '2026-03-01T10:00:00Z', '2026-03-01T10:00:00Z');
            """);
        Assert.That((await Listed(), await Counted()), Is.EqualTo((4, 4)), "a new public asset counts; a new individual does not");

        await Db.Execute("UPDATE community_assets SET kind = 'individual' WHERE id = 1");
        Assert.That((await Listed(), await Counted()), Is.EqualTo((3, 3)), "an asset that becomes an individual's leaves the count");
        await Db.Execute("UPDATE community_assets SET kind = 'association' WHERE id IN (1, 6)");
        Assert.That((await Listed(), await Counted()), Is.EqualTo((5, 5)), "and comes back when it stops being one");
        await Db.Execute("UPDATE community_assets SET kind = 'culture', name = 'Renamed' WHERE id = 2");
        Assert.That((await Listed(), await Counted()), Is.EqualTo((5, 5)), "one public kind to another changes nothing");

        await Db.Execute("DELETE FROM asset_interests; DELETE FROM asset_schedules; DELETE FROM community_assets WHERE id IN (3, 4)");
        Assert.That((await Listed(), await Counted()), Is.EqualTo((4, 4)), "a removed public asset leaves the count; a removed individual was never in it");

        var filtered = JsonNode.Parse(await anyone.Get("/api/oruk/services?search=shed"))!;
        Assert.That(filtered["total_items"]!.GetValue<int>(), Is.EqualTo(1), "a filtered list still counts its own matches");
    }

    [Test]
    public async Task Every_endpoint_answers_anonymously_and_validates_against_the_ORUK_v3_schema()
    {
        await Directory();
        using var anyone = NewSession();

        var root = await anyone.Get("/api/oruk/");
        var rootSchema = await JsonSchema.FromJsonAsync(ResponseSchema("/")!.ToJsonString());
        AssertValid(rootSchema, root, "/");
        Assert.That(JsonNode.Parse(root)!["version"]!.GetValue<string>(), Is.EqualTo("3.0"));
        Assert.That(JsonNode.Parse(root)!["openapi_url"], Is.Not.Null);

        var services = await ValidList(anyone, "/services", "/api/oruk/services");
        Assert.That(services["total_items"]!.GetValue<int>(), Is.EqualTo(3), "individuals' gifts are never published");
        Assert.That(services.ToJsonString(), Does.Not.Contain("Doris").And.Not.Contain("secret hobby"));

        var detail = await anyone.Get("/api/oruk/services/8d7e2c1a-4b5f-4a3e-9c2d-1e0f3a4b5c6d");
        AssertValid(await SchemaFile(ResponseSchema("/services/{id}")["$ref"]!.GetValue<string>()), detail, "/services/{id}");
        var service = JsonNode.Parse(detail)!;
        Assert.That(service["status"]!.GetValue<string>(), Is.EqualTo("active"));
        Assert.That(service["url"]!.GetValue<string>(), Is.EqualTo("https://knit.example.org/"));
        Assert.That(service["organization"]!["name"]!.GetValue<string>(), Is.EqualTo("Knit & Natter"));
        var location = service["service_at_locations"]![0]!["location"]!;
        Assert.That(location["location_type"]!.GetValue<string>(), Is.EqualTo("physical"));
        Assert.That(location["latitude"]!.GetValue<double>(), Is.EqualTo(51.5014));
        Assert.That(location["addresses"]![0]!["postal_code"]!.GetValue<string>(), Is.EqualTo("EF1 2AB"));
        Assert.That(location["accessibility"]!.AsArray().Select(a => a!["description"]!.GetValue<string>()), Is.EqualTo(new[] { "Step-free access", "Hearing loop" }));
        var schedule = service["schedules"]![0]!;
        Assert.That((schedule["freq"]!.GetValue<string>(), schedule["interval"]!.GetValue<int>(), schedule["byday"]!.GetValue<string>(), schedule["opens_at"]!.GetValue<string>(), schedule["closes_at"]!.GetValue<string>()),
            Is.EqualTo(("MONTHLY", 1, "2TU,4TU", "10:00", "12:00")));
        Assert.That(schedule["id"]!.GetValue<string>(), Is.EqualTo("5e2c1a4b-7d8e-4f90-a1b2-c3d4e5f60718"));
        var terms = service["attributes"]!.AsArray().Select(a => a!["taxonomy_term"]!["term"]!.GetValue<string>()).ToList();
        Assert.That(terms, Is.EquivalentTo(new[] { "Association (a club or group)", "knitting" }));

        // The closed one keeps its place, with the profile's word for it; its missing website becomes the API's own address.
        var closed = JsonNode.Parse(await anyone.Get("/api/oruk/services/9d7e2c1a-4b5f-4a3e-9c2d-1e0f3a4b5c6d"))!;
        Assert.That(closed["status"]!.GetValue<string>(), Is.EqualTo("temporarily closed"));
        Assert.That(closed["url"]!.GetValue<string>(), Does.EndWith("/api/oruk/services/9d7e2c1a-4b5f-4a3e-9c2d-1e0f3a4b5c6d"));

        var tooFar = await ValidList(anyone, "/service_at_locations", "/api/oruk/service_at_locations?postcode=ef13cd&proximity=540");
        Assert.That(tooFar["empty"]!.GetValue<bool>(), Is.True, "Knit & Natter is 556 m away: proximity is a radius");
        var near = await ValidList(anyone, "/service_at_locations", "/api/oruk/service_at_locations?postcode=ef13cd&proximity=570");
        Assert.That(near["contents"]!.AsArray().Select(c => c!["service"]!["name"]!.GetValue<string>()), Is.EqualTo(new[] { "Knit & Natter" }));
        var wide = await ValidList(anyone, "/service_at_locations", "/api/oruk/service_at_locations?postcode=EF1+3CD&proximity=200000");
        Assert.That(wide["contents"]!.AsArray().Select(c => c!["service"]!["name"]!.GetValue<string>()), Is.EqualTo(new[] { "Knit & Natter", "Far hall" }), "nearest first");

        var taxonomies = await ValidList(anyone, "/taxonomies", "/api/oruk/taxonomies");
        Assert.That(taxonomies["total_items"]!.GetValue<int>(), Is.EqualTo(2));
        var termList = await ValidList(anyone, "/taxonomy_terms", "/api/oruk/taxonomy_terms?per_page=100");
        var words = termList["contents"]!.AsArray().Select(t => t!["term"]!.GetValue<string>()).ToList();
        Assert.That(words, Does.Contain("knitting").And.Contain("rugby").And.Not.Contain("secret hobby").And.Not.Contain("Individual’s gifts and skills"));
    }

    [Test]
    public async Task Services_page_search_filter_by_term_and_by_modified_after_with_stable_ids()
    {
        await Directory();
        using var anyone = NewSession();

        var first = await ValidList(anyone, "/services", "/api/oruk/services?per_page=2&page=1");
        Assert.That((first["total_items"]!.GetValue<int>(), first["total_pages"]!.GetValue<int>(), first["size"]!.GetValue<int>(), first["first_page"]!.GetValue<bool>(), first["last_page"]!.GetValue<bool>()),
            Is.EqualTo((3, 2, 2, true, false)));
        var second = await ValidList(anyone, "/services", "/api/oruk/services?per_page=2&page=2");
        Assert.That((second["size"]!.GetValue<int>(), second["last_page"]!.GetValue<bool>(), second["empty"]!.GetValue<bool>()), Is.EqualTo((1, true, false)));
        var beyond = await ValidList(anyone, "/services", "/api/oruk/services?per_page=2&page=9");
        Assert.That((beyond["page_number"]!.GetValue<int>(), beyond["empty"]!.GetValue<bool>(), beyond["last_page"]!.GetValue<bool>(), beyond["size"]!.GetValue<int>()),
            Is.EqualTo((9, true, true, 0)), "a page past the end is empty, so a harvester stops");

        var knit = await ValidList(anyone, "/services", "/api/oruk/services?search=knit");
        Assert.That(knit["contents"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()), Is.EqualTo(new[] { "Knit & Natter" }));

        var terms = JsonNode.Parse(await anyone.Get("/api/oruk/taxonomy_terms?per_page=100"))!["contents"]!.AsArray();
        var rugby = terms.Single(t => t!["term"]!.GetValue<string>() == "rugby")!["id"]!.GetValue<string>();
        var byTerm = await ValidList(anyone, "/services", $"/api/oruk/services?taxonomy_term_id={rugby}");
        Assert.That(byTerm["contents"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()), Is.EqualTo(new[] { "Rugby walking club" }));
        var again = JsonNode.Parse(await anyone.Get("/api/oruk/taxonomy_terms?per_page=100"))!["contents"]!.AsArray();
        Assert.That(again.Single(t => t!["term"]!.GetValue<string>() == "rugby")!["id"]!.GetValue<string>(), Is.EqualTo(rugby), "ids are stable");
        var unknownTerm = await ValidList(anyone, "/services", $"/api/oruk/services?taxonomy_term_id={Guid.NewGuid()}");
        Assert.That(unknownTerm["empty"]!.GetValue<bool>(), Is.True);

        var modified = await ValidList(anyone, "/services", "/api/oruk/services?modified_after=2026-06-01T10:00:00Z");
        Assert.That(modified["contents"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()), Is.EqualTo(new[] { "Rugby walking club" }), "on or after");
    }

    [Test]
    public async Task The_schemas_do_catch_a_wrong_response()
    {
        // Guards the tests above: a service with no name, a bad status, a made-up id and a null is refused.
        var service = await SchemaFile(ResponseSchema("/services/{id}")["$ref"]!.GetValue<string>());
        var errors = Flatten(service.Validate("""{"id":"not-a-uuid","status":"open","description":null}""")).ToList();
        Assert.That(errors, Has.Some.Contains("name").And.Some.Contains("status").And.Some.Contains("id").And.Some.Contains("description"));
        var page = await JsonSchema.FromJsonAsync(OpenApi.Value["components"]!["schemas"]!["Page"]!.ToJsonString());
        Assert.That(page.Validate("""{"total_items":"3","empty":"no"}"""), Is.Not.Empty);
    }

    [TestCase("/api/oruk/services?page=abc", HttpStatusCode.BadRequest, "page must be a whole number")]
    [TestCase("/api/oruk/services?per_page=100000", HttpStatusCode.BadRequest, "per_page must be a whole number from 1 to 100")]
    [TestCase("/api/oruk/services?modified_after=yesterday", HttpStatusCode.BadRequest, "modified_after must be a date")]
    [TestCase("/api/oruk/service_at_locations?postcode=ZZ1+1ZZ", HttpStatusCode.BadRequest, "We do not know where ZZ1 1ZZ is")]
    [TestCase("/api/oruk/service_at_locations?postcode=%3Cscript%3E", HttpStatusCode.BadRequest, "postcode must be a UK postcode")]
    [TestCase("/api/oruk/service_at_locations?postcode=EF1+2AB&proximity=far", HttpStatusCode.BadRequest, "proximity must be a whole number")]
    [TestCase("/api/oruk/services/bd7e2c1a-4b5f-4a3e-9c2d-1e0f3a4b5c6d", HttpStatusCode.NotFound, "There is no service")]
    [TestCase("/api/oruk/services/1%27%20OR%20%271%27%3D%271", HttpStatusCode.NotFound, "There is no service")]
    public async Task Bad_requests_get_a_clear_JSON_problem(string url, HttpStatusCode status, string detail)
    {
        await Directory();
        using var anyone = NewSession();
        var body = await anyone.Get(url, status);
        Assert.That(JsonNode.Parse(body)!["detail"]!.GetValue<string>(), Does.StartWith(detail));
        Assert.That(body, Does.Not.Contain("<script>"));
    }

    [Test]
    public async Task The_API_is_read_only()
    {
        await Directory();
        using var anyone = NewSession();
        using var post = await anyone.Client.PostAsync("/api/oruk/services", new StringContent("{}"));
        // No write endpoint exists: an anonymous POST is sent to sign in, like any page that is not open.
        Assert.That((int)post.StatusCode, Is.AnyOf(302, 404, 405));
        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM community_assets"), Is.EqualTo(4));
        using var response = await anyone.Client.GetAsync("/api/oruk/services");
        Assert.That(response.Headers.GetValues("Access-Control-Allow-Origin"), Is.EqualTo(new[] { "*" }));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        _ = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }
}
